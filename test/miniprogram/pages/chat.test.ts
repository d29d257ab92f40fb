import { renderPage } from '../support/page';
import { err, fakeApi, ok, settle } from '../support/fake-api';
import { wxm } from '../support/wx';

const consentView = (accepted: boolean, crossBorder: boolean) => ({ currentVersion: '2026-11', accepted, crossBorder });
const conversation = (id: string, title: string) => ({
  conversationId: id,
  title,
  model: 'general',
  messageCount: 2,
  updatedAt: new Date().toISOString(),
});

describe('chat list page', () => {
  it('sends a first-time user to the consent page', async () => {
    fakeApi({ 'consent.get': ok(consentView(false, false)), 'chat.conversations': ok({ conversations: [], nextCursor: null }) });
    renderPage('pages/chat/index');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/consent/index' });
  });

  it('shows loading, then the empty state and a warning without cross-border consent', async () => {
    fakeApi({ 'consent.get': ok(consentView(true, false)), 'chat.conversations': ok({ conversations: [], nextCursor: null }) });
    const { root } = renderPage('pages/chat/index');
    expect(root.dom!.textContent).toContain('加载中');
    await settle();
    expect(root.dom!.textContent).toContain('还没有对话');
    expect(root.dom!.textContent).toContain('海外模型暂不可用');
    root.querySelector('.banner')!.dispatchEvent('tap');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/consent/index' });
    root.querySelector('.btn')!.dispatchEvent('tap');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/conversation/index' });
  });

  it('shows titles with placeholders as chips and a relative date, and opens a conversation', async () => {
    fakeApi({
      'consent.get': ok(consentView(true, true)),
      'chat.conversations': ok({
        conversations: [conversation('conv-0001', '[PERSON_1]的租房合同'), conversation('conv-0002', '帮我写请假条')],
        nextCursor: null,
      }),
    });
    const { root } = renderPage('pages/chat/index');
    await settle();
    const text = root.dom!.textContent!;
    expect(text).not.toContain('[PERSON_1]');
    expect(root.querySelectorAll('.chip').map((c) => c.dom!.textContent)).toEqual(['某人1']);
    expect(root.querySelectorAll('.title')[0]!.dom!.textContent).toBe('某人1的租房合同');
    expect(text).toContain('帮我写请假条');
    expect(text).toMatch(/今天 \d\d:\d\d · 2 条/);
    expect(text).not.toContain('海外模型暂不可用');
    root.querySelectorAll('.row')[0]!.dispatchEvent('tap');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/conversation/index?id=conv-0001' });
  });

  it('shows an error with retry', async () => {
    let fail = true;
    fakeApi({
      'consent.get': ok(consentView(true, true)),
      'chat.conversations': () => (fail ? err('INTERNAL', '出错了') : ok({ conversations: [], nextCursor: null })),
    });
    const { root, instance } = renderPage('pages/chat/index');
    await settle();
    expect(root.dom!.textContent).toContain('出错了');
    fail = false;
    root.querySelector('.state__action')!.dispatchEvent('tap');
    await settle();
    expect(instance.data.state).toBe('ready');
  });

  it('loads more at the bottom, with a retry when that fails', async () => {
    let failMore = true;
    fakeApi({
      'consent.get': ok(consentView(true, true)),
      'chat.conversations': (p: { cursor?: string }) => {
        if (!p.cursor) return ok({ conversations: [conversation('conv-0001', 'a')], nextCursor: 'c1' });
        return failMore ? err('INTERNAL', '出错了') : ok({ conversations: [conversation('conv-0002', 'b')], nextCursor: null });
      },
    });
    const { root, instance } = renderPage('pages/chat/index');
    await settle();
    await (instance as unknown as { onReachBottom(): Promise<void> }).onReachBottom();
    expect(root.dom!.textContent).toContain('加载失败，点此重试');
    failMore = false;
    root.querySelector('.footer--action')!.dispatchEvent('tap');
    await settle();
    expect(root.querySelectorAll('.row')).toHaveLength(2);
    expect(root.dom!.textContent).toContain('没有更多了');
  });
});
