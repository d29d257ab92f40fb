import { api } from '../../api/index';
import { CONSENT_URL } from '../../utils/consent-gate';
import { ensurePrivacyAuthorized, openPrivacyContract, privacyAuthorizationNeeded } from '../../utils/privacy-authorize';
import {
  appVersion,
  avatarInitial,
  cleanNickname,
  consentRow,
  readProfile,
  SHARE_APP,
  WITHDRAW_CONFIRM,
  writeProfile,
  type ConsentRow,
} from './model';

/** WeUI's warning red for a destructive confirm button (wx.showModal takes a colour, not a CSS variable). */
const DANGER = '#FA5151';

/** 我的 tab: the local profile, orders, data rights, consent, 客服, the two legal texts, the version. */
Page({
  data: {
    state: 'loading' as 'loading' | 'ready' | 'error',
    errorText: '',
    nickname: '',
    avatar: '',
    initial: '桥',
    isAdmin: false,
    consent: null as ConsentRow | null,
    /** WeChat's own privacy authorization: '' where the base library has none. */
    privacyAuth: '' as '' | '已同意' | '未同意',
    version: '',
    busy: false,
  },

  onLoad() {
    const profile = readProfile();
    this.setData({ ...profile, initial: avatarInitial(profile.nickname), version: appVersion() });
  },

  onShow() {
    void this.load();
    void this.loadPrivacyAuth();
  },

  async loadPrivacyAuth() {
    const needed = await privacyAuthorizationNeeded();
    this.setData({ privacyAuth: needed === null ? '' : needed ? '未同意' : '已同意' });
  },

  /** Agree to WeChat's 隐私保护指引 here (the popup of this page), or read it once agreed. */
  async onPrivacyAuth() {
    if (this.data.privacyAuth === '已同意') {
      openPrivacyContract(() => wx.navigateTo({ url: '/pages/legal/index?doc=privacy' }));
      return;
    }
    await ensurePrivacyAuthorized();
    await this.loadPrivacyAuth();
  },

  async load() {
    const [session, consent] = await Promise.all([api()['session.get']({}), api()['consent.get']({})]);
    if (!session.ok || !consent.ok) {
      this.setData({ state: 'error', errorText: (!session.ok ? session : !consent.ok ? consent : null)?.message ?? '' });
      return;
    }
    this.setData({ state: 'ready', errorText: '', isAdmin: session.data.isAdmin, consent: consentRow(consent.data) });
  },

  onRetry() {
    this.setData({ state: 'loading' });
    void this.load();
  },

  /** `<button open-type="chooseAvatar">` gives a temporary file; keep a saved copy so it survives restarts. */
  onChooseAvatar(e: WechatMiniprogram.CustomEvent<{ avatarUrl: string }>) {
    const temp = e.detail.avatarUrl;
    if (!temp) return;
    const store = (avatar: string) => {
      const previous = this.data.avatar;
      this.setData({ avatar });
      writeProfile({ nickname: this.data.nickname, avatar });
      if (previous && previous !== avatar && previous.startsWith('wxfile://')) {
        wx.getFileSystemManager().removeSavedFile({ filePath: previous, fail: () => undefined });
      }
    };
    try {
      wx.getFileSystemManager().saveFile({
        tempFilePath: temp,
        success: (r) => store(r.savedFilePath),
        fail: () => store(temp),
      });
    } catch {
      store(temp);
    }
  },

  onNicknameBlur(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const nickname = cleanNickname(e.detail.value);
    if (nickname === this.data.nickname) return;
    this.setData({ nickname, initial: avatarInitial(nickname) });
    writeProfile({ nickname, avatar: this.data.avatar });
  },

  /** WeChat checks a typed nickname after blur (base library ≥ 2.29.1); one that fails is not kept. */
  onNicknameReview(e: WechatMiniprogram.CustomEvent<{ pass: boolean; timeout: boolean }>) {
    if (e.detail.pass || e.detail.timeout) return;
    this.setData({ nickname: '', initial: avatarInitial('') });
    writeProfile({ nickname: '', avatar: this.data.avatar });
    wx.showToast({ title: '昵称未通过微信的检查，请换一个', icon: 'none' });
  },

  onConsent() {
    const row = this.data.consent;
    if (!row || this.data.busy) return;
    if (row.action === 'grant') {
      wx.navigateTo({ url: CONSENT_URL });
      return;
    }
    wx.showModal({
      ...WITHDRAW_CONFIRM,
      confirmColor: DANGER,
      success: async (r) => {
        if (!r.confirm) return;
        this.setData({ busy: true });
        const res = await api()['consent.withdraw']({});
        this.setData({ busy: false });
        if (!res.ok) {
          wx.showToast({ title: res.message, icon: 'none' });
          return;
        }
        this.setData({ consent: consentRow(res.data) });
        wx.showToast({ title: '已撤回', icon: 'success' });
      },
    });
  },

  onOrders() {
    wx.navigateTo({ url: '/pages/orders/index' });
  },

  onMyData() {
    wx.navigateTo({ url: '/pages/privacy/index' });
  },

  onOpenDoc(e: WechatMiniprogram.TouchEvent) {
    wx.navigateTo({ url: `/pages/legal/index?doc=${String(e.currentTarget.dataset.doc)}` });
  },

  onAbout() {
    wx.showModal({
      title: '关于桥',
      content: `版本 ${this.data.version}\n在微信里使用海外大模型：发送前自动隐去个人信息，每条回答的费用和实际发出的文字都看得见。`,
      showCancel: false,
      confirmText: '知道了',
    });
  },

  onShareAppMessage() {
    return SHARE_APP;
  },
});
