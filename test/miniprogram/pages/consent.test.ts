import { renderPage } from '../support/page';
import { fakeApi, ok, settle } from '../support/fake-api';
import { wxm } from '../support/wx';
import type * as ConsentGate from '../../../miniprogram/utils/consent-gate';
import { acceptPayload, afterAccept, canContinue, formHint, INITIAL_FORM } from '../../../miniprogram/pages/consent/model';

// APIs the shared wx mock does not have.
const wxExtra = wx as unknown as { navigateBack: jest.Mock };
wxExtra.navigateBack = jest.fn();

const consentView = (accepted: boolean, crossBorder: boolean, extra: Record<string, string> = {}) => ({
  currentVersion: '2026-11',
  accepted,
  crossBorder,
  ...extra,
});

/** A phone-like storage behind wx.getStorageSync / setStorageSync, fresh for each test. */
function useStorage(initial: Record<string, unknown> = {}) {
  const store = new Map<string, unknown>(Object.entries(initial));
  wxm.getStorageSync.mockImplementation(((key: string) => (store.has(key) ? store.get(key) : '')) as never);
  wxm.setStorageSync.mockImplementation(((key: string, value: unknown) => void store.set(key, value)) as never);
  return store;
}

const setPages = (n: number) => {
  (globalThis as unknown as { getCurrentPages?: () => unknown[] }).getCurrentPages = () => Array.from({ length: n }, () => ({}));
};

afterEach(() => {
  delete (globalThis as unknown as { getCurrentPages?: unknown }).getCurrentPages;
  jest.clearAllMocks();
});

describe('consent model', () => {
  it('starts unticked and needs the policy tick to continue; cross-border is a separate, optional tick', () => {
    expect(INITIAL_FORM).toEqual({ policy: false, crossBorder: false });
    expect(canContinue(INITIAL_FORM)).toBe(false);
    expect(canContinue({ policy: false, crossBorder: true })).toBe(false);
    expect(canContinue({ policy: true, crossBorder: false })).toBe(true);
    expect(formHint(INITIAL_FORM)).toContain('勾选同意');
    expect(formHint({ policy: true, crossBorder: false })).toContain('海外模型不可用');
    expect(formHint({ policy: true, crossBorder: true })).toBe('');
    expect(acceptPayload({ policy: true, crossBorder: true })).toEqual({ version: '2026-11', crossBorder: true });
  });

  it('goes back where the user came from, or to the chat tab when consent is the only page', () => {
    expect(afterAccept(3)).toEqual({ kind: 'back' });
    expect(afterAccept(1)).toEqual({ kind: 'tab', url: '/pages/chat/index' });
  });
});

describe('consent page', () => {
  it('renders unticked, with 同意并继续 disabled: tapping it saves nothing', async () => {
    useStorage();
    const calls = fakeApi({ 'consent.accept': ok(consentView(true, true)) });
    const { root, instance } = renderPage('pages/consent/index');
    expect(root.dom!.textContent).toContain('个人信息出境说明');
    expect(instance.data.form).toEqual({ policy: false, crossBorder: false });
    expect(root.querySelector('.btn--accept')!.dom!.className).toContain('btn--disabled');
    expect(root.querySelectorAll('.check--on')).toHaveLength(0);
    root.querySelector('.btn--accept')!.dispatchEvent('tap');
    await settle();
    expect(calls).toHaveLength(0);
    expect(root.dom!.textContent).toContain('勾选同意《用户协议》和《隐私政策》后才能继续');
  });

  it('agreeing is a tick plus 同意并继续; with both ticks it records cross-border and goes back', async () => {
    useStorage({ 'qiao.consent.declined': '2026-11' });
    setPages(2);
    const calls = fakeApi({ 'consent.accept': (p: { crossBorder: boolean }) => ok(consentView(true, p.crossBorder)) });
    const { root } = renderPage('pages/consent/index');
    root.querySelector('.agree--policy')!.dispatchEvent('tap');
    root.querySelector('.agree--cross-border')!.dispatchEvent('tap');
    await settle();
    expect(root.querySelectorAll('.check--on')).toHaveLength(2);
    expect(root.querySelector('.btn--accept')!.dom!.className).not.toContain('btn--disabled');
    root.querySelector('.btn--accept')!.dispatchEvent('tap');
    await settle();
    expect(calls.at(-1)).toMatchObject({ action: 'consent.accept', payload: { version: '2026-11', crossBorder: true } });
    expect(wxExtra.navigateBack).toHaveBeenCalledWith({ delta: 1 });
    // Agreeing forgets an earlier 暂不使用.
    expect(wxm.setStorageSync).toHaveBeenCalledWith('qiao.consent.declined', '');
  });

  it('the policy alone is accepted without cross-border, and opens the chat tab from a fresh start', async () => {
    useStorage();
    const calls = fakeApi({ 'consent.accept': (p: { crossBorder: boolean }) => ok(consentView(true, p.crossBorder)) });
    const { root } = renderPage('pages/consent/index');
    root.querySelector('.agree--policy')!.dispatchEvent('tap');
    await settle();
    expect(root.dom!.textContent).toContain('未勾选出境：');
    root.querySelector('.btn--accept')!.dispatchEvent('tap');
    await settle();
    expect(calls.at(-1)!.payload).toEqual({ version: '2026-11', crossBorder: false });
    expect(wxm.switchTab).toHaveBeenLastCalledWith({ url: '/pages/chat/index' });
  });

  it('a tick can be taken back', async () => {
    useStorage();
    fakeApi({});
    const { root, instance } = renderPage('pages/consent/index');
    root.querySelector('.agree--policy')!.dispatchEvent('tap');
    root.querySelector('.agree--policy')!.dispatchEvent('tap');
    await settle();
    expect(instance.data.canContinue).toBe(false);
  });

  it('不同意 shows the declined state, remembers it on the phone only, and still opens the wallet', async () => {
    const store = useStorage();
    const calls = fakeApi({});
    const { root } = renderPage('pages/consent/index');
    root.querySelector('.btn--decline')!.dispatchEvent('tap');
    await settle();
    expect(calls).toHaveLength(0);
    expect(store.get('qiao.consent.declined')).toBe('2026-11');
    const text = root.dom!.textContent!;
    expect(text).toContain('暂不使用对话');
    expect(text).toContain('钱包、充值订单和「我的」照常可用');
    root.querySelector('.btn')!.dispatchEvent('tap');
    await settle();
    expect(wxm.switchTab).toHaveBeenLastCalledWith({ url: '/pages/wallet/index' });
    root.querySelector('.btn--plain')!.dispatchEvent('tap');
    await settle();
    expect(root.dom!.textContent).toContain('同意并继续');
  });

  it('links to the full 用户协议 and 隐私政策', async () => {
    useStorage();
    fakeApi({});
    const { root, instance } = renderPage('pages/consent/index');
    root.querySelectorAll('.link')[0]!.dispatchEvent('tap');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/legal/index?doc=terms' });
    root.querySelectorAll('.link')[1]!.dispatchEvent('tap');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/legal/index?doc=privacy' });
    // The link is caught: reading the text does not tick the box.
    expect(instance.data.form).toEqual({ policy: false, crossBorder: false });
    const rows = root.querySelectorAll('.cell');
    rows[rows.length - 1]!.dispatchEvent('tap');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/legal/index?doc=privacy' });
  });

  it('shows the error when saving fails', async () => {
    useStorage();
    fakeApi({ 'consent.accept': { kind: 'network', message: 'x' } });
    const { root } = renderPage('pages/consent/index');
    root.querySelector('.agree--policy')!.dispatchEvent('tap');
    await settle();
    root.querySelector('.btn--accept')!.dispatchEvent('tap');
    await settle();
    expect(root.dom!.textContent).toContain('网络不太好');
    expect(wxm.switchTab).not.toHaveBeenCalled();
  });
});

describe('consent gate (the back loop)', () => {
  async function freshGate() {
    let gate!: typeof ConsentGate;
    await jest.isolateModulesAsync(async () => {
      gate = await import('../../../miniprogram/utils/consent-gate');
    });
    return gate;
  }

  it('opens the consent page by itself once per launch, never after 暂不使用 or a withdrawal', async () => {
    useStorage();
    let gate = await freshGate();
    expect(gate.takeAutoConsentPrompt({ accepted: true })).toBe(false);
    expect(gate.takeAutoConsentPrompt({ accepted: false })).toBe(true);
    expect(gate.takeAutoConsentPrompt({ accepted: false })).toBe(false);

    gate = await freshGate();
    expect(gate.takeAutoConsentPrompt({ accepted: false, withdrawnAt: '2026-11-22T12:00:00.000Z' })).toBe(false);

    useStorage({ 'qiao.consent.declined': '2026-11' });
    gate = await freshGate();
    expect(gate.hasDeclinedConsent()).toBe(true);
    expect(gate.takeAutoConsentPrompt({ accepted: false })).toBe(false);

    // A new policy version asks again, even after declining the old one.
    useStorage({ 'qiao.consent.declined': '2025-01' });
    gate = await freshGate();
    expect(gate.takeAutoConsentPrompt({ accepted: false })).toBe(true);
  });

  it('pressing back from consent shows the chat list instead of opening consent again', async () => {
    useStorage();
    fakeApi({ 'consent.get': ok(consentView(false, false)), 'chat.conversations': ok({ conversations: [], nextCursor: null }) });
    const { root, instance } = renderPage('pages/chat/index');
    await settle();
    expect(wxm.navigateTo).toHaveBeenCalledTimes(1);
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/consent/index' });
    // Back from the consent page: the tab shows again.
    await (instance as unknown as { onShow(): Promise<void> }).onShow();
    await settle();
    expect(wxm.navigateTo).toHaveBeenCalledTimes(1);
    expect(root.dom!.textContent).toContain('海外模型暂不可用');
  });

  it('starting a chat without consent explains why and offers to review it', async () => {
    useStorage({ 'qiao.consent.declined': '2026-11' });
    fakeApi({ 'consent.get': ok(consentView(false, false)), 'chat.conversations': ok({ conversations: [], nextCursor: null }) });
    const { root } = renderPage('pages/chat/index');
    await settle();
    expect(wxm.navigateTo).not.toHaveBeenCalled();
    wxm.showModal.mockImplementationOnce((o: any) => o.success({ confirm: false, cancel: true }));
    root.querySelector('.btn')!.dispatchEvent('tap');
    await settle();
    expect(wxm.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '开始对话前需要你的同意', confirmText: '去查看' }));
    expect(wxm.navigateTo).not.toHaveBeenCalled();
    root.querySelector('.btn')!.dispatchEvent('tap');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/consent/index' });
  });

  it('starting a chat with consent opens the conversation', async () => {
    useStorage();
    fakeApi({ 'consent.get': ok(consentView(true, true)), 'chat.conversations': ok({ conversations: [], nextCursor: null }) });
    const { root } = renderPage('pages/chat/index');
    await settle();
    root.querySelector('.btn')!.dispatchEvent('tap');
    await settle();
    expect(wxm.showModal).not.toHaveBeenCalled();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/conversation/index' });
  });
});
