/**
 * WeChat Pay's vocabulary of states, and how they map to ours — in one place for the v3, v2 and
 * cloudPay channels and for the local sandbox (which speaks the same words back).
 *
 * Trade states (v3 `trade_state`, v2 / cloudPay `trade_state` / `tradeState`) are the same words in
 * every API. Refund states differ: v3 says SUCCESS / CLOSED / PROCESSING / ABNORMAL, v2 and cloudPay
 * say SUCCESS / REFUNDCLOSE / PROCESSING / CHANGE for the same four. We keep the v3 words.
 */

/** Every trade state WeChat Pay documents, plus NOT_FOUND (the query said ORDERNOTEXIST). */
export const TRADE_STATES = ['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR'] as const;
export type TradeState = (typeof TRADE_STATES)[number] | 'NOT_FOUND';

/** A trade state from any API; a word we do not know is read as PAYERROR (never as paid). */
export function tradeStateOf(raw: unknown): TradeState {
  return (TRADE_STATES as readonly unknown[]).includes(raw) ? (raw as TradeState) : 'PAYERROR';
}

/** States in which the money was taken: SUCCESS, or REFUND (paid, then refunded in part or whole). */
export function isPaidTradeState(state: TradeState): boolean {
  return state === 'SUCCESS' || state === 'REFUND';
}

/** Refund states, in v3's words, plus NOT_FOUND (the query said REFUNDNOTEXIST / RESOURCE_NOT_EXISTS). */
export const REFUND_STATES = ['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL'] as const;
export type RefundState = (typeof REFUND_STATES)[number] | 'NOT_FOUND';

const V2_REFUND_WORDS: Record<(typeof REFUND_STATES)[number], string> = {
  SUCCESS: 'SUCCESS',
  CLOSED: 'REFUNDCLOSE',
  PROCESSING: 'PROCESSING',
  ABNORMAL: 'CHANGE',
};

/** A v3 refund status; undefined when it is missing or not one WeChat Pay documents. */
export function refundStateOfV3(raw: unknown): RefundState | undefined {
  return (REFUND_STATES as readonly unknown[]).includes(raw) ? (raw as RefundState) : undefined;
}

/** A v2 / cloudPay refund status (`refund_status_0`, `refundStatus0`, `refund_status`); undefined when unknown. */
export function refundStateOfV2(raw: unknown): RefundState | undefined {
  return REFUND_STATES.find((state) => V2_REFUND_WORDS[state] === raw);
}

/** Our refund state in v2 / cloudPay words (the sandbox answers with them). */
export function v2RefundWord(state: (typeof REFUND_STATES)[number]): string {
  return V2_REFUND_WORDS[state];
}

/** The v3 notification event for a refund that reached a final state. */
export function v3RefundEvent(state: 'SUCCESS' | 'CLOSED' | 'ABNORMAL'): string {
  return `REFUND.${state}`;
}
