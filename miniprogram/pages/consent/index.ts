import { api } from '../../api/index';
import { CONSENT_VERSION } from '../../generated/shared';

/**
 * 同意页: the privacy policy, and separately the cross-border transfer (PIPL art. 39). Declining the
 * cross-border part still opens the wallet and the orders; only overseas models stay closed.
 */
Page({
  data: {
    crossBorder: true,
    saving: false,
    errorText: '',
    version: CONSENT_VERSION,
  },

  onToggleCrossBorder() {
    this.setData({ crossBorder: !this.data.crossBorder });
  },

  async onAccept() {
    if (this.data.saving) return;
    this.setData({ saving: true, errorText: '' });
    const res = await api()['consent.accept']({ version: CONSENT_VERSION, crossBorder: this.data.crossBorder });
    this.setData({ saving: false });
    if (!res.ok) {
      this.setData({ errorText: res.message });
      return;
    }
    wx.switchTab({ url: res.data.crossBorder ? '/pages/chat/index' : '/pages/wallet/index' });
  },
});
