import { renderPage } from '../support/page';
import { fakeApi, ok, settle } from '../support/fake-api';
import { wxm } from '../support/wx';

const consentView = (accepted: boolean, crossBorder: boolean) => ({ currentVersion: '2026-11', accepted, crossBorder });

describe('consent page', () => {
  it('accepts the policy and cross-border transfer, then opens chat', async () => {
    const calls = fakeApi({ 'consent.accept': (p: { crossBorder: boolean }) => ok(consentView(true, p.crossBorder)) });
    const { root } = renderPage('pages/consent/index');
    expect(root.dom!.textContent).toContain('个人信息出境说明');
    root.querySelector('.btn')!.dispatchEvent('tap');
    await settle();
    expect(calls.at(-1)).toMatchObject({ action: 'consent.accept', payload: { version: '2026-11', crossBorder: true } });
    expect(wxm.switchTab).toHaveBeenLastCalledWith({ url: '/pages/chat/index' });
  });

  it('declining cross-border still lets the user into the wallet', async () => {
    const calls = fakeApi({ 'consent.accept': (p: { crossBorder: boolean }) => ok(consentView(true, p.crossBorder)) });
    const { root } = renderPage('pages/consent/index');
    root.querySelector('.agree')!.dispatchEvent('tap');
    await settle();
    expect(root.dom!.textContent).toContain('仅同意隐私政策');
    root.querySelector('.btn')!.dispatchEvent('tap');
    await settle();
    expect(calls.at(-1)!.payload).toEqual({ version: '2026-11', crossBorder: false });
    expect(wxm.switchTab).toHaveBeenLastCalledWith({ url: '/pages/wallet/index' });
  });

  it('shows the error when saving fails', async () => {
    fakeApi({ 'consent.accept': { kind: 'network', message: 'x' } });
    const { root } = renderPage('pages/consent/index');
    root.querySelector('.btn')!.dispatchEvent('tap');
    await settle();
    expect(root.dom!.textContent).toContain('网络不太好');
  });
});
