import { renderPage } from '../support/page';
import { err, fakeApi, ok, settle } from '../support/fake-api';
import { wxm } from '../support/wx';

describe('privacy page', () => {
  const consent = { currentVersion: '2026-11', accepted: true, crossBorder: true, crossBorderAt: '2026-11-22T12:00:00.000Z' };

  it('withdraws cross-border consent after confirmation', async () => {
    let current = consent;
    const calls = fakeApi({
      'consent.get': () => ok(current),
      'consent.withdraw': () => ((current = { ...consent, accepted: false, crossBorder: false }), ok(current)),
    });
    const { root } = renderPage('pages/privacy/index');
    await settle();
    expect(root.dom!.textContent).toContain('已同意');
    root.querySelector('.btn')!.dispatchEvent('tap');
    await settle();
    expect(calls.some((c) => c.action === 'consent.withdraw')).toBe(true);
    expect(root.dom!.textContent).toContain('已撤回');
  });

  it('deletes data only after confirmation, and exports it', async () => {
    const calls = fakeApi({
      'consent.get': ok(consent),
      'privacy.delete': ok({ conversations: 2, messages: 5 }),
      'privacy.export': ok({ exportedAt: 'x', data: { openid: 'o' } }),
    });
    const { root } = renderPage('pages/privacy/index');
    await settle();
    wxm.showModal.mockImplementationOnce((o: any) => o.success({ confirm: false, cancel: true }));
    root.querySelector('.btn--danger')!.dispatchEvent('tap');
    await settle();
    expect(calls.some((c) => c.action === 'privacy.delete')).toBe(false);
    root.querySelector('.btn--danger')!.dispatchEvent('tap');
    await settle();
    expect(calls.some((c) => c.action === 'privacy.delete')).toBe(true);
    expect(root.dom!.textContent).toContain('已删除 2 个对话、5 条消息');
    root.querySelectorAll('.btn--plain')[1]!.dispatchEvent('tap');
    await settle();
    expect(wxm.setClipboardData).toHaveBeenCalled();
  });

  it('shows an error', async () => {
    fakeApi({ 'consent.get': err('INTERNAL', '出错了') });
    const { root } = renderPage('pages/privacy/index');
    await settle();
    expect(root.dom!.textContent).toContain('出错了');
  });
});
