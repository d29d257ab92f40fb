import { api } from '../../api/index';
import { forgetConsentDeclined, rememberConsentDeclined } from '../../utils/consent-gate';
import { acceptPayload, afterAccept, canContinue, formHint, INITIAL_FORM, type ConsentForm, type ConsentPhase } from './model';
import { LEGAL_VERSION, RETENTION_DAYS } from '../legal/texts';

function view(form: ConsentForm) {
  return { form, canContinue: canContinue(form), hint: formHint(form) };
}

const stackDepth = () => (typeof getCurrentPages === 'function' ? getCurrentPages().length : 1);

/**
 * 同意页: the privacy policy and the terms, and separately the cross-border transfer (PIPL art. 39).
 * Nothing is ticked to begin with; 同意并继续 stays disabled until the policy is ticked. 不同意 stores
 * nothing on the server: the wallet, the orders and 我的 stay open, a chat asks again.
 */
Page({
  data: {
    phase: 'form' as ConsentPhase,
    saving: false,
    errorText: '',
    version: LEGAL_VERSION,
    retentionDays: RETENTION_DAYS,
    ...view(INITIAL_FORM),
  },

  onTogglePolicy() {
    this.setData(view({ ...this.data.form, policy: !this.data.form.policy }));
  },

  onToggleCrossBorder() {
    this.setData(view({ ...this.data.form, crossBorder: !this.data.form.crossBorder }));
  },

  onOpenDoc(e: WechatMiniprogram.TouchEvent) {
    wx.navigateTo({ url: `/pages/legal/index?doc=${String(e.currentTarget.dataset.doc)}` });
  },

  async onAccept() {
    if (this.data.saving || !this.data.canContinue) return;
    this.setData({ saving: true, errorText: '' });
    const res = await api()['consent.accept'](acceptPayload(this.data.form));
    this.setData({ saving: false });
    if (!res.ok) {
      this.setData({ errorText: res.message });
      return;
    }
    forgetConsentDeclined();
    const next = afterAccept(stackDepth());
    if (next.kind === 'back') wx.navigateBack({ delta: 1 });
    else wx.switchTab({ url: next.url });
  },

  onDecline() {
    rememberConsentDeclined();
    this.setData({ phase: 'declined', errorText: '' });
  },

  onReconsider() {
    this.setData({ phase: 'form' });
  },

  onWallet() {
    wx.switchTab({ url: '/pages/wallet/index' });
  },
});
