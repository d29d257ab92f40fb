import {
  AGREE_BUTTON_ID,
  answerPrivacyAuthorization,
  openPrivacyContract,
  removePrivacyPopup,
  showingPrivacyPopup,
  type PrivacyPopupHost,
} from '../../utils/privacy-authorize';

const DEFAULT_CONTRACT_NAME = '《桥小程序隐私保护指引》';

/** `this` inside the definition (spelled out: the app's and the tests' typings infer it differently). */
type Popup = PrivacyPopupHost & { data: { visible: boolean }; setData(data: Record<string, unknown>): void };

/**
 * WeChat's privacy authorization popup (《小程序隐私协议开发指南》): put `<privacy-popup />` on a page that
 * uses a gated API or component. app.ts's `wx.onNeedPrivacyAuthorization` listener opens the popup of
 * the page on screen; 同意 is `<button open-type="agreePrivacyAuthorization">` (WeChat checks it was
 * tapped), 拒绝 answers `disagree`, the link opens the 隐私保护指引 with wx.openPrivacyContract.
 */
Component({
  options: { addGlobalClass: true },
  data: { visible: false, agreeId: AGREE_BUTTON_ID, contractName: DEFAULT_CONTRACT_NAME },

  lifetimes: {
    attached() {
      showingPrivacyPopup(this as unknown as Popup);
    },
    detached() {
      const self = this as unknown as Popup;
      removePrivacyPopup(self);
      // A page closed with the popup open must not leave the gated call pending for ever.
      if (self.data.visible) answerPrivacyAuthorization(false);
    },
  },

  pageLifetimes: {
    show() {
      showingPrivacyPopup(this as unknown as Popup);
    },
  },

  methods: {
    openPrivacyPopup() {
      const self = this as unknown as Popup;
      self.setData({ visible: true });
      const w = wx as unknown as { getPrivacySetting?: (o: { success: (r: { privacyContractName?: string }) => void }) => void };
      // The name the merchant gave the 隐私保护指引 on mp.weixin.qq.com.
      w.getPrivacySetting?.({
        success: (r) => {
          if (r.privacyContractName) self.setData({ contractName: r.privacyContractName });
        },
      });
    },

    onAgree() {
      (this as unknown as Popup).setData({ visible: false });
      answerPrivacyAuthorization(true);
    },

    onDisagree() {
      (this as unknown as Popup).setData({ visible: false });
      answerPrivacyAuthorization(false);
    },

    onOpenContract() {
      openPrivacyContract(() => wx.navigateTo({ url: '/pages/legal/index?doc=privacy' }));
    },

    noop() {},
  },
});
