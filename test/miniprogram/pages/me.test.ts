import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderPage } from '../support/page';
import { err, fakeApi, ok, settle } from '../support/fake-api';
import { wxm } from '../support/wx';
import {
  APP_VERSION,
  appVersion,
  avatarInitial,
  cleanNickname,
  consentRow,
  PROFILE_KEY,
  readProfile,
  SHARE_APP,
} from '../../../miniprogram/pages/me/model';

// APIs the shared wx mock does not have.
const fsm = { saveFile: jest.fn(), removeSavedFile: jest.fn() };
const wxExtra = wx as unknown as { getFileSystemManager: jest.Mock; getAccountInfoSync: jest.Mock };
wxExtra.getFileSystemManager = jest.fn(() => fsm);
wxExtra.getAccountInfoSync = jest.fn(() => ({ miniProgram: { appId: 'wx1', envVersion: 'release', version: '1.2.0' } }));

const OPENID = 'oABCDEF123456';
const session = ok({ openid: OPENID, isAdmin: false });
const consented = { currentVersion: '2026-11', accepted: true, crossBorder: true, crossBorderAt: '2026-11-22T12:00:00.000Z' };

function useStorage(initial: Record<string, unknown> = {}) {
  const store = new Map<string, unknown>(Object.entries(initial));
  wxm.getStorageSync.mockImplementation(((key: string) => (store.has(key) ? store.get(key) : '')) as never);
  wxm.setStorageSync.mockImplementation(((key: string, value: unknown) => void store.set(key, value)) as never);
  return store;
}

afterEach(() => jest.clearAllMocks());

describe('me model', () => {
  it('reads the local profile defensively', () => {
    useStorage();
    expect(readProfile()).toEqual({ nickname: '', avatar: '' });
    useStorage({ [PROFILE_KEY]: { nickname: '小桥', avatar: 7 } });
    expect(readProfile()).toEqual({ nickname: '小桥', avatar: '' });
    wxm.getStorageSync.mockImplementationOnce(() => {
      throw new Error('storage');
    });
    expect(readProfile()).toEqual({ nickname: '', avatar: '' });
  });

  it('cleans nicknames and picks the avatar letter', () => {
    expect(cleanNickname('  小桥  ')).toBe('小桥');
    expect(cleanNickname('一二三四五六七八九十一二三四五六七八九十多余')).toHaveLength(20);
    expect(cleanNickname(undefined)).toBe('');
    expect(avatarInitial('')).toBe('桥');
    expect(avatarInitial('😀笑')).toBe('😀');
  });

  it('describes every consent state, and offers withdrawal only when there is something to withdraw', () => {
    expect(consentRow(consented)).toMatchObject({ value: '已同意', action: 'withdraw' });
    expect(consentRow(consented).sub).toContain('含个人信息出境');
    expect(consentRow({ ...consented, crossBorder: false })).toMatchObject({ value: '仅隐私政策', action: 'grant' });
    expect(consentRow({ currentVersion: '2026-11', accepted: false, crossBorder: false })).toMatchObject({
      value: '未同意',
      action: 'grant',
    });
    expect(
      consentRow({ currentVersion: '2026-11', accepted: false, crossBorder: false, withdrawnAt: '2026-11-23T12:00:00.000Z' }),
    ).toMatchObject({ value: '已撤回', action: 'grant' });
  });

  it('shows the version WeChat knows, labels test builds, and falls back to the constant', () => {
    expect(appVersion()).toBe('1.2.0');
    wxExtra.getAccountInfoSync.mockReturnValueOnce({ miniProgram: { envVersion: 'develop', version: '' } });
    expect(appVersion()).toBe(`${APP_VERSION}（开发版）`);
    wxExtra.getAccountInfoSync.mockImplementationOnce(() => {
      throw new Error('old base library');
    });
    expect(appVersion()).toBe(APP_VERSION);
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
  });
});

describe('me page', () => {
  it('shows the profile at once, the consent status once loaded, and no openid anywhere', async () => {
    useStorage();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    fakeApi({ 'session.get': async () => (await gate, session), 'consent.get': ok(consented) });
    const { root } = renderPage('pages/me/index');
    expect(root.dom!.textContent).toContain('加载中');
    expect(root.dom!.textContent).toContain('充值订单');
    release();
    await settle();
    const text = root.dom!.textContent!;
    expect(text).toContain('已同意');
    expect(text).toContain('头像和昵称只保存在本机');
    expect(text).toContain('版本 1.2.0');
    expect(text).not.toContain('尾号');
    expect(text).not.toContain('123456');
    expect(text).not.toContain('商户管理员');
    expect(root.querySelector('.avatar__initial')!.dom!.textContent).toBe('桥');
  });

  it('marks a merchant', async () => {
    useStorage();
    fakeApi({ 'session.get': ok({ openid: OPENID, isAdmin: true }), 'consent.get': ok(consented) });
    const { root } = renderPage('pages/me/index');
    await settle();
    expect(root.dom!.textContent).toContain('商户管理员');
  });

  it('keeps the nickname on the phone, and drops one WeChat rejects', async () => {
    const store = useStorage();
    fakeApi({ 'session.get': session, 'consent.get': ok(consented) });
    const { root, instance } = renderPage('pages/me/index');
    await settle();
    root.querySelector('.profile__name')!.dispatchEvent('blur', { detail: { value: '  小桥 ' } });
    await settle();
    expect(store.get(PROFILE_KEY)).toEqual({ nickname: '小桥', avatar: '' });
    expect(instance.data.initial).toBe('小');
    root.querySelector('.profile__name')!.dispatchEvent('nicknamereview', { detail: { pass: true, timeout: false } });
    await settle();
    expect(instance.data.nickname).toBe('小桥');
    root.querySelector('.profile__name')!.dispatchEvent('nicknamereview', { detail: { pass: false, timeout: false } });
    await settle();
    expect(instance.data.nickname).toBe('');
    expect(store.get(PROFILE_KEY)).toEqual({ nickname: '', avatar: '' });
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '昵称未通过微信的检查，请换一个' }));
  });

  it('saves a chosen avatar as a file that survives restarts, and removes the one it replaces', async () => {
    const store = useStorage({ [PROFILE_KEY]: { nickname: '小桥', avatar: 'wxfile://usr/old.png' } });
    fsm.saveFile.mockImplementation((o: { success: (r: { savedFilePath: string }) => void }) =>
      o.success({ savedFilePath: 'wxfile://usr/new.png' }),
    );
    fakeApi({ 'session.get': session, 'consent.get': ok(consented) });
    const { root, instance } = renderPage('pages/me/index');
    await settle();
    expect(instance.data.nickname).toBe('小桥');
    root.querySelector('.avatar')!.dispatchEvent('chooseavatar', { detail: { avatarUrl: 'http://tmp/a.png' } });
    await settle();
    expect(fsm.saveFile).toHaveBeenCalledWith(expect.objectContaining({ tempFilePath: 'http://tmp/a.png' }));
    expect(store.get(PROFILE_KEY)).toEqual({ nickname: '小桥', avatar: 'wxfile://usr/new.png' });
    expect(fsm.removeSavedFile).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://usr/old.png' }));
    expect(root.querySelector('.avatar__img')).toBeTruthy();
    // Saving fails: the temporary file is used.
    fsm.saveFile.mockImplementation((o: { fail: () => void }) => o.fail());
    root.querySelector('.avatar')!.dispatchEvent('chooseavatar', { detail: { avatarUrl: 'http://tmp/b.png' } });
    await settle();
    expect(instance.data.avatar).toBe('http://tmp/b.png');
  });

  it('withdraws consent after a confirmation', async () => {
    useStorage();
    const calls = fakeApi({
      'session.get': session,
      'consent.get': ok(consented),
      'consent.withdraw': ok({ currentVersion: '2026-11', accepted: false, crossBorder: false, withdrawnAt: '2026-11-23T12:00:00.000Z' }),
    });
    const { root } = renderPage('pages/me/index');
    await settle();
    wxm.showModal.mockImplementationOnce((o: any) => o.success({ confirm: false, cancel: true }));
    root.querySelector('.cell--consent')!.dispatchEvent('tap');
    await settle();
    expect(calls.some((c) => c.action === 'consent.withdraw')).toBe(false);
    root.querySelector('.cell--consent')!.dispatchEvent('tap');
    await settle();
    expect(wxm.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '撤回同意', confirmText: '撤回' }));
    expect(calls.some((c) => c.action === 'consent.withdraw')).toBe(true);
    expect(root.dom!.textContent).toContain('已撤回');
    // Once withdrawn, the row leads to the consent page.
    root.querySelector('.cell--consent')!.dispatchEvent('tap');
    await settle();
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/consent/index' });
  });

  it('says so when the withdrawal fails', async () => {
    useStorage();
    fakeApi({ 'session.get': session, 'consent.get': ok(consented), 'consent.withdraw': err('INTERNAL', '出错了') });
    const { root } = renderPage('pages/me/index');
    await settle();
    root.querySelector('.cell--consent')!.dispatchEvent('tap');
    await settle();
    expect(wxm.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '出错了' }));
    expect(root.dom!.textContent).toContain('已同意');
  });

  it('opens orders, my data, the two legal texts and 关于', async () => {
    useStorage();
    fakeApi({ 'session.get': session, 'consent.get': ok({ currentVersion: '2026-11', accepted: false, crossBorder: false }) });
    const { root } = renderPage('pages/me/index');
    await settle();
    const tapText = async (label: string) => {
      const cell = root.querySelectorAll('.cell--link').find((c) => c.dom!.textContent!.includes(label));
      cell!.dispatchEvent('tap');
      await settle();
    };
    await tapText('充值订单');
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/orders/index' });
    await tapText('导出或删除我的数据');
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/privacy/index' });
    await tapText('用户协议');
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/legal/index?doc=terms' });
    await tapText('隐私政策');
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/legal/index?doc=privacy' });
    await tapText('未同意');
    expect(wxm.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/consent/index' });
    await tapText('关于桥');
    expect(wxm.showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '关于桥', showCancel: false }));
  });

  it('shows an error in the status row with a retry', async () => {
    useStorage();
    fakeApi({ 'session.get': { kind: 'network', message: 'x' }, 'consent.get': ok(consented) });
    const { root } = renderPage('pages/me/index');
    await settle();
    expect(root.dom!.textContent).toContain('网络不太好');
    fakeApi({ 'session.get': session, 'consent.get': ok(consented) });
    root.querySelector('.retry')!.dispatchEvent('tap');
    await settle();
    expect(root.dom!.textContent).toContain('已同意');
  });

  it("agrees to WeChat's 隐私保护指引 from its row, or opens it once agreed; hides the row on old base libraries", async () => {
    useStorage();
    fakeApi({ 'session.get': session, 'consent.get': ok(consented) });
    const privacy = wx as unknown as {
      getPrivacySetting?: jest.Mock;
      requirePrivacyAuthorize?: jest.Mock;
      openPrivacyContract?: jest.Mock;
    };
    let needed = true;
    privacy.getPrivacySetting = jest.fn((o: { success: (r: object) => void }) => o.success({ needAuthorization: needed }));
    privacy.requirePrivacyAuthorize = jest.fn((o: { success: () => void }) => ((needed = false), o.success()));
    privacy.openPrivacyContract = jest.fn();
    try {
      const { root } = renderPage('pages/me/index');
      await settle();
      expect(root.querySelector('.cell--privacy-auth')!.dom!.textContent).toContain('未同意');
      root.querySelector('.cell--privacy-auth')!.dispatchEvent('tap');
      await settle();
      expect(privacy.requirePrivacyAuthorize).toHaveBeenCalled();
      expect(root.querySelector('.cell--privacy-auth')!.dom!.textContent).toContain('已同意');
      root.querySelector('.cell--privacy-auth')!.dispatchEvent('tap');
      await settle();
      expect(privacy.openPrivacyContract).toHaveBeenCalled();
    } finally {
      delete privacy.getPrivacySetting;
      delete privacy.requirePrivacyAuthorize;
      delete privacy.openPrivacyContract;
    }
    const old = renderPage('pages/me/index');
    await settle();
    expect(old.root.querySelector('.cell--privacy-auth')).toBeFalsy();
  });

  it('shares the app, never the user', async () => {
    useStorage();
    fakeApi({ 'session.get': session, 'consent.get': ok(consented) });
    const { instance } = renderPage('pages/me/index');
    await settle();
    expect((instance as unknown as { onShareAppMessage(): unknown }).onShareAppMessage()).toEqual({
      title: '桥 · AI 问答',
      path: '/pages/chat/index',
    });
    expect(SHARE_APP.path).toBe('/pages/chat/index');
  });

  it('uses WeChat open abilities for avatar, nickname, 客服 and share, and includes the privacy popup', () => {
    // miniprogram-simulate drops built-in attributes, so the template is checked as written.
    const wxml = fs.readFileSync(path.resolve(__dirname, '../../../miniprogram/pages/me/index.wxml'), 'utf8');
    expect(wxml).toMatch(/<button[^>]*open-type="chooseAvatar"[^>]*bind:chooseavatar="onChooseAvatar"/);
    expect(wxml).toMatch(/<input[^>]*type="nickname"/);
    expect(wxml).toMatch(/<button[^>]*open-type="contact"/);
    expect(wxml).toMatch(/<button[^>]*open-type="share"/);
    expect(wxml).toContain('<privacy-popup id="privacy-popup" />');
    expect(wxml).not.toMatch(/openid/i);
  });
});
