import { api } from '../api/index';
import { CONSENT_VERSION } from '../generated/shared';

export const CONSENT_URL = '/pages/consent/index';

/**
 * On this phone only: the consent version the user answered 不同意 / 暂不使用 to. Nothing is sent to the
 * server — declining stores no consent there, so `consent.get` keeps saying "not accepted".
 */
const DECLINED_KEY = 'qiao.consent.declined';

/** The chat tab has already opened the consent page by itself in this launch (the JS context lives as long as the app). */
let autoPromptedThisLaunch = false;

export interface ConsentStatus {
  accepted: boolean;
  withdrawnAt?: string;
}

export function hasDeclinedConsent(): boolean {
  try {
    return wx.getStorageSync(DECLINED_KEY) === CONSENT_VERSION;
  } catch {
    return false;
  }
}

export function rememberConsentDeclined(): void {
  wx.setStorageSync(DECLINED_KEY, CONSENT_VERSION);
}

export function forgetConsentDeclined(): void {
  wx.setStorageSync(DECLINED_KEY, '');
}

/**
 * Whether the chat tab should open the consent page by itself now. At most once per launch, and never
 * once the user declined (暂不使用) or withdrew: the chat tab's onShow runs again when the user presses
 * back from the consent page, and opening it again there was the back loop of issue 13 (bug 3).
 */
export function takeAutoConsentPrompt(status: ConsentStatus): boolean {
  if (status.accepted || status.withdrawnAt || autoPromptedThisLaunch || hasDeclinedConsent()) return false;
  autoPromptedThisLaunch = true;
  return true;
}

/** Tells the user a chat needs consent first, and offers to review it. */
export function explainConsentNeeded(): void {
  wx.showModal({
    title: '开始对话前需要你的同意',
    content: '对话会把隐去个人信息后的文字发给境外模型，需要你先阅读并同意隐私政策和个人信息出境说明。钱包、充值订单和「我的」不受影响。',
    confirmText: '去查看',
    cancelText: '暂不',
    success: (r) => {
      if (r.confirm) wx.navigateTo({ url: CONSENT_URL });
    },
  });
}

/**
 * Before a new chat: true when the privacy policy is accepted (or the status is unknown — the server
 * refuses a chat without consent anyway, with CONSENT_REQUIRED); otherwise explains and returns false.
 */
export async function ensureChatConsent(): Promise<boolean> {
  const res = await api()['consent.get']({});
  if (!res.ok || res.data.accepted) return true;
  explainConsentNeeded();
  return false;
}
