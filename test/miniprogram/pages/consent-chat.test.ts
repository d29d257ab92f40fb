import { renderPage } from '../support/page';
import { err, fakeApi, ok, settle } from '../support/fake-api';
import { wxm } from '../support/wx';

const consentView = (accepted: boolean, crossBorder: boolean) => ({ currentVersion: '2026-11', accepted, crossBorder });

// The consent page's own tests are in consent.test.ts.
describe('chat list page', () => {
  it('sends a first-time user to the consent page', async () => {
    fakeApi({ 'consent.get': ok(consentView(false, false)), 'chat.conversations': ok({ conversations: [], nextCursor: null }) });
    renderPage('pages/chat/index');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/consent/index' });
  });

  it('shows loading, then the empty state, a warning without cross-border consent, then conversations', async () => {
    fakeApi({ 'consent.get': ok(consentView(true, false)), 'chat.conversations': ok({ conversations: [], nextCursor: null }) });
    const empty = renderPage('pages/chat/index');
    expect(empty.root.dom!.textContent).toContain('加载中');
    await settle();
    expect(empty.root.dom!.textContent).toContain('还没有对话');
    expect(empty.root.dom!.textContent).toContain('海外模型暂不可用');
    fakeApi({
      'consent.get': ok(consentView(true, true)),
      'chat.conversations': ok({
        conversations: [
          { conversationId: 'conv-0001', title: '帮我写请假条', model: 'general', messageCount: 2, updatedAt: '2026-11-22T12:00:00.000Z' },
        ],
        nextCursor: null,
      }),
    });
    const full = renderPage('pages/chat/index');
    await settle();
    expect(full.root.dom!.textContent).toContain('帮我写请假条');
    full.root.querySelector('.cells .cell')!.dispatchEvent('tap');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/conversation/index?id=conv-0001' });
  });

  it('shows an error with retry', async () => {
    fakeApi({ 'consent.get': ok(consentView(true, true)), 'chat.conversations': err('INTERNAL', '出错了') });
    const { root } = renderPage('pages/chat/index');
    await settle();
    expect(root.dom!.textContent).toContain('出错了');
    expect(root.querySelector('.state__action')).toBeTruthy();
  });
});
