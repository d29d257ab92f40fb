/**
 * WeChat's own privacy authorization (《小程序隐私协议开发指南》, base library ≥ 2.32.3, with
 * `"__usePrivacyCheck__": true` in app.json): before a gated API or component (clipboard, chooseAvatar,
 * `<input type="nickname">`…) runs for a user who has not agreed to the Mini Program's 隐私保护指引,
 * WeChat calls the listener registered with `wx.onNeedPrivacyAuthorization` and keeps the API pending
 * until `resolve` is called. The listener is registered once (app.ts: registration is overriding, the
 * last one wins) and hands the request to the privacy-popup component of the page on screen.
 */

/** `resolve` of wx.onNeedPrivacyAuthorization (the typings declare the listener with one empty argument). */
export type PrivacyResolve = (result: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;
type NeedPrivacyListener = (resolve: PrivacyResolve, eventInfo?: { referrer?: string }) => void;

/** What the component shows; it calls back with the user's answer. */
export interface PrivacyPopupHost {
  openPrivacyPopup(referrer: string): void;
}

/** The id of the popup's `<button open-type="agreePrivacyAuthorization">`: WeChat checks it was tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree';

const popups: PrivacyPopupHost[] = [];
let pending: PrivacyResolve[] = [];

/** A popup of a page that is showing: the newest shown is the one on screen (tab pages stay attached when hidden). */
export function showingPrivacyPopup(host: PrivacyPopupHost): void {
  const i = popups.indexOf(host);
  if (i >= 0) popups.splice(i, 1);
  popups.push(host);
}

export function removePrivacyPopup(host: PrivacyPopupHost): void {
  const i = popups.indexOf(host);
  if (i >= 0) popups.splice(i, 1);
}

/**
 * The listener. Several gated calls at once each send their own `resolve`; one answer settles them all.
 * A page without a popup cannot collect the agreement (only a tapped agree button counts), so there the
 * call is declined with a toast that says where to agree.
 */
export const onNeedPrivacyAuthorization: NeedPrivacyListener = (resolve, eventInfo) => {
  const host = popups[popups.length - 1];
  if (!host) {
    resolve({ event: 'disagree' });
    wx.showToast({ title: '请先在「我的 › 隐私保护指引」中同意', icon: 'none' });
    return;
  }
  pending.push(resolve);
  host.openPrivacyPopup(eventInfo?.referrer ?? '');
  resolve({ event: 'exposureAuthorization' });
};

/** Called by the popup after `bindagreeprivacyauthorization` (agree) or its 拒绝 button (disagree). */
export function answerPrivacyAuthorization(agreed: boolean): void {
  const waiting = pending;
  pending = [];
  for (const resolve of waiting) resolve(agreed ? { event: 'agree', buttonId: AGREE_BUTTON_ID } : { event: 'disagree' });
}

type PrivacyWx = {
  onNeedPrivacyAuthorization?: (listener: NeedPrivacyListener) => void;
  getPrivacySetting?: (o: {
    success: (r: { needAuthorization: boolean; privacyContractName?: string }) => void;
    fail?: () => void;
  }) => void;
  requirePrivacyAuthorize?: (o: { success?: () => void; fail?: () => void }) => void;
  openPrivacyContract?: (o: { fail?: () => void }) => void;
};
const privacyWx = () => wx as unknown as PrivacyWx;

/** Registers the listener (app.ts, once). Older base libraries have no privacy check and nothing to register. */
export function installPrivacyAuthorization(): boolean {
  const w = privacyWx();
  if (typeof w.onNeedPrivacyAuthorization !== 'function') return false;
  w.onNeedPrivacyAuthorization(onNeedPrivacyAuthorization);
  return true;
}

/**
 * Call before a gated API (wx.setClipboardData, wx.getClipboardData, chooseAvatar…): resolves true when
 * the user has agreed — at once if they did before, after the popup otherwise — and false when they
 * declined. A base library without `wx.requirePrivacyAuthorize` (< 2.32.3) has no privacy check: true.
 */
export function ensurePrivacyAuthorized(): Promise<boolean> {
  const w = privacyWx();
  if (typeof w.requirePrivacyAuthorize !== 'function') return Promise.resolve(true);
  return new Promise((resolve) => {
    try {
      w.requirePrivacyAuthorize!({ success: () => resolve(true), fail: () => resolve(false) });
    } catch {
      resolve(true);
    }
  });
}

/**
 * Whether the user still has to agree to the 隐私保护指引: null where the base library has no privacy
 * check (nothing to agree to) or cannot tell.
 */
export function privacyAuthorizationNeeded(): Promise<boolean | null> {
  const w = privacyWx();
  if (typeof w.getPrivacySetting !== 'function') return Promise.resolve(null);
  return new Promise((resolve) => {
    try {
      w.getPrivacySetting!({ success: (r) => resolve(r.needAuthorization), fail: () => resolve(null) });
    } catch {
      resolve(null);
    }
  });
}

/** Opens WeChat's page of the Mini Program's 隐私保护指引 (as filled in on mp.weixin.qq.com). */
export function openPrivacyContract(fallback: () => void): void {
  const w = privacyWx();
  if (typeof w.openPrivacyContract !== 'function') {
    fallback();
    return;
  }
  w.openPrivacyContract({ fail: fallback });
}
