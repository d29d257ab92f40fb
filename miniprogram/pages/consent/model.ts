import { CONSENT_VERSION } from '../../generated/shared';

/**
 * The consent form. Two separate, affirmative ticks, neither ticked to begin with (PIPL art. 14 and 39:
 * consent is given by an act, and the cross-border transfer needs its own): the privacy policy and the
 * terms (required to continue), and sending the anonymized text abroad (optional; without it only the
 * merchant's domestic models, if any, answer).
 */
export interface ConsentForm {
  policy: boolean;
  crossBorder: boolean;
}

export const INITIAL_FORM: ConsentForm = { policy: false, crossBorder: false };

export type ConsentPhase = 'form' | 'declined';

export function canContinue(form: ConsentForm): boolean {
  return form.policy;
}

export function acceptPayload(form: ConsentForm): { version: string; crossBorder: boolean } {
  return { version: CONSENT_VERSION, crossBorder: form.crossBorder };
}

/** What the hint under the button says about the current ticks. */
export function formHint(form: ConsentForm): string {
  if (!form.policy) return '勾选同意《用户协议》和《隐私政策》后才能继续';
  if (!form.crossBorder) return '未勾选出境：海外模型不可用，钱包和订单照常可用';
  return '';
}

/**
 * Where to go after agreeing: back where the user came from (the chat list, a conversation to retry,
 * 我的), or the chat tab when the consent page is the only page.
 */
export function afterAccept(pagesInStack: number): { kind: 'back' } | { kind: 'tab'; url: string } {
  return pagesInStack > 1 ? { kind: 'back' } : { kind: 'tab', url: '/pages/chat/index' };
}
