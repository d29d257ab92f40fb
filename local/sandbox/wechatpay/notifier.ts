import { randomBytes } from 'node:crypto';
import { encryptAesGcm } from '../../../shared/payments/crypto/aes-gcm';
import { encryptV2RefundInfo, v2Sign } from '../../../shared/payments/crypto/v2-sign';
import { responseMessage, signSha256Rsa } from '../../../shared/payments/crypto/v3-signature';
import { buildFlatXml, parseFlatXml } from '../../../shared/payments/crypto/xml';
import type { SandboxIdentity } from './identity';
import type { SandboxOrder, SandboxRefund, SandboxState } from './state';
import { v2RefundWord, v3RefundEvent } from '../../../shared/payments/wechatpay-states';

/** WeChat Pay's notification retry schedule in seconds (about 24 hours in all). */
export const RETRY_SCHEDULE_S = [15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600];

export interface Delivery {
  body: Buffer;
  headers: Record<string, string>;
  url: string;
  /** Did the merchant accept it? v3: HTTP 200/204; v2: a SUCCESS return_code. */
  accepted(status: number, body: string): boolean;
}

export function v3Signed(identity: SandboxIdentity, body: string, at = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const nonce = randomBytes(16).toString('hex');
  return {
    'content-type': 'application/json',
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-serial': identity.platform.publicKeyId,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
    'wechatpay-signature': signSha256Rsa(responseMessage(timestamp, nonce, body), identity.platform.privateKey),
  };
}

export function v3TransactionResource(order: SandboxOrder): Record<string, unknown> {
  return {
    appid: order.appid,
    mchid: order.mchid,
    out_trade_no: order.outTradeNo,
    transaction_id: order.transactionId,
    trade_type: 'JSAPI',
    trade_state: order.state,
    trade_state_desc: order.state === 'SUCCESS' ? '支付成功' : '未支付',
    bank_type: 'OTHERS',
    attach: '',
    success_time: order.successTime,
    payer: { openid: order.openid },
    amount: { total: order.amountFen, payer_total: order.amountFen, currency: 'CNY', payer_currency: 'CNY' },
  };
}

export function v3RefundResource(refund: SandboxRefund, mchid: string): Record<string, unknown> {
  return {
    mchid,
    out_trade_no: refund.outTradeNo,
    transaction_id: `tx-${refund.outTradeNo}`,
    out_refund_no: refund.outRefundNo,
    refund_id: refund.refundId,
    refund_status: refund.status,
    status: refund.status,
    success_time: new Date().toISOString(),
    user_received_account: '支付用户零钱',
    amount: { total: refund.totalFen, refund: refund.amountFen, payer_total: refund.totalFen, payer_refund: refund.amountFen },
  };
}

function v3Delivery(identity: SandboxIdentity, url: string, eventType: string, resource: Record<string, unknown>): Delivery {
  const encrypted = encryptAesGcm(identity.apiV3Key, JSON.stringify(resource), eventType.startsWith('REFUND') ? 'refund' : 'transaction');
  const body = JSON.stringify({
    id: randomBytes(16).toString('hex'),
    create_time: new Date().toISOString(),
    resource_type: 'encrypt-resource',
    event_type: eventType,
    summary: eventType === 'TRANSACTION.SUCCESS' ? '支付成功' : '退款状态变更',
    resource: { original_type: eventType.startsWith('REFUND') ? 'refund' : 'transaction', algorithm: 'AEAD_AES_256_GCM', ...encrypted },
  });
  return { url, body: Buffer.from(body), headers: v3Signed(identity, body), accepted: (status) => status === 200 || status === 204 };
}

const v2Accepted = (_status: number, body: string) => {
  try {
    return parseFlatXml(body).return_code === 'SUCCESS';
  } catch {
    return false;
  }
};

export function paymentDelivery(identity: SandboxIdentity, order: SandboxOrder): Delivery {
  if (order.api === 'v3') return v3Delivery(identity, order.notifyUrl, 'TRANSACTION.SUCCESS', v3TransactionResource(order));
  const fields: Record<string, string | number> = {
    return_code: 'SUCCESS',
    result_code: 'SUCCESS',
    appid: order.appid,
    mch_id: order.mchid,
    nonce_str: randomBytes(8).toString('hex'),
    openid: order.openid,
    trade_type: 'JSAPI',
    bank_type: 'OTHERS',
    total_fee: order.amountFen,
    fee_type: 'CNY',
    cash_fee: order.amountFen,
    transaction_id: order.transactionId ?? '',
    out_trade_no: order.outTradeNo,
    time_end: (order.successTime ?? '').replace(/[-:T]/g, '').slice(0, 14),
  };
  // Real v2 pay notifications often omit sign_type: the receiver infers MD5 from the sign's length.
  fields.sign = v2Sign(fields, identity.v2Key, 'MD5');
  return { url: order.notifyUrl, body: Buffer.from(buildFlatXml(fields)), headers: { 'content-type': 'text/xml' }, accepted: v2Accepted };
}

export function refundDelivery(identity: SandboxIdentity, refund: SandboxRefund): Delivery {
  if (refund.api === 'v3') {
    // Notifications are sent only for final states; a refund still processing is announced as abnormal.
    const final = refund.status === 'PROCESSING' ? 'ABNORMAL' : refund.status;
    return v3Delivery(identity, refund.notifyUrl, v3RefundEvent(final), v3RefundResource(refund, identity.mchid));
  }
  const info = buildFlatXml(
    {
      out_refund_no: refund.outRefundNo,
      out_trade_no: refund.outTradeNo,
      refund_id: refund.refundId,
      refund_fee: refund.amountFen,
      total_fee: refund.totalFen,
      refund_status: v2RefundWord(refund.status === 'PROCESSING' ? 'ABNORMAL' : refund.status),
      transaction_id: `tx-${refund.outTradeNo}`,
    },
    'root',
  );
  const fields = {
    return_code: 'SUCCESS',
    appid: identity.appid,
    mch_id: identity.mchid,
    nonce_str: randomBytes(8).toString('hex'),
    req_info: encryptV2RefundInfo(info, identity.v2Key),
  };
  return { url: refund.notifyUrl, body: Buffer.from(buildFlatXml(fields)), headers: { 'content-type': 'text/xml' }, accepted: v2Accepted };
}

/**
 * Delivers a notification until the merchant accepts it, on WeChat Pay's schedule compressed by
 * `timeScale`. Resolves with the number of attempts (0 when dropped on purpose).
 */
export async function deliver(state: SandboxState, delivery: () => Delivery): Promise<number> {
  if (state.settings.dropNotifications) return 0;
  for (let attempt = 0; attempt <= RETRY_SCHEDULE_S.length; attempt++) {
    const d = delivery(); // re-signed each time, with a fresh timestamp, as WeChat Pay does
    try {
      const res = await fetch(d.url, { method: 'POST', headers: d.headers, body: d.body });
      if (d.accepted(res.status, await res.text())) return attempt + 1;
    } catch {
      // the merchant was unreachable: retry on schedule
    }
    const wait = RETRY_SCHEDULE_S[attempt];
    if (wait === undefined) break;
    await new Promise((r) => setTimeout(r, wait * 1000 * state.settings.timeScale).unref());
  }
  return RETRY_SCHEDULE_S.length + 1;
}
