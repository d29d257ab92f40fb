import { z } from 'zod';
import type { Clock } from '../../platform/clock';
import type { HttpClient } from '../../platform/http-client';
import type { IdSource } from '../../platform/ids';
import type { PaymentsConfig, V3Settings } from '../config';
import { decryptAesGcm, DecryptionError } from '../crypto/aes-gcm';
import { authorizationHeader, miniProgramPaySign, requestMessage, signSha256Rsa } from '../crypto/v3-signature';
import { verifyWechatpaySignature } from '../crypto/v3-verifier';
import {
  ChannelError,
  NotificationRejected,
  type PaymentChannel,
  type PrepayRequest,
  type PrepayResult,
  type RefundFacts,
  type RefundRequest,
  type TransactionFacts,
  type VerifiedNotification,
} from '../types';
import { refundStateOfV3, tradeStateOf } from '../wechatpay-states';

/** WeChat Pay API v3 (JSON over HTTPS, RSA signatures, AES-GCM resources). Plain node:crypto: the official SDKs are Go, Java and PHP. */

const Transaction = z.object({
  appid: z.string().optional(),
  mchid: z.string().optional(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  trade_state: z.string(),
  success_time: z.string().optional(),
  payer: z.object({ openid: z.string().optional() }).optional(),
  amount: z.object({ total: z.number().int().optional(), currency: z.string().optional() }).optional(),
});

const Refund = z.object({
  refund_id: z.string().optional(),
  out_refund_no: z.string(),
  out_trade_no: z.string().optional(),
  mchid: z.string().optional(),
  status: z.string().optional(),
  refund_status: z.string().optional(),
  amount: z.object({ refund: z.number().int().optional() }).optional(),
});

const Notification = z.object({
  id: z.string(),
  event_type: z.string(),
  resource_type: z.string().optional(),
  resource: z.object({
    algorithm: z.string(),
    ciphertext: z.string(),
    nonce: z.string(),
    associated_data: z.string().optional().default(''),
    original_type: z.string().optional(),
  }),
});

export function transactionFacts(raw: unknown): TransactionFacts {
  const t = Transaction.parse(raw);
  return {
    channel: 'v3',
    outTradeNo: t.out_trade_no,
    tradeState: tradeStateOf(t.trade_state),
    transactionId: t.transaction_id,
    amountFen: t.amount?.total,
    currency: t.amount?.currency,
    appid: t.appid,
    mchid: t.mchid,
    payerOpenid: t.payer?.openid,
    successTime: t.success_time,
  };
}

export function refundFacts(raw: unknown): RefundFacts {
  const r = Refund.parse(raw);
  return {
    channel: 'v3',
    outRefundNo: r.out_refund_no,
    outTradeNo: r.out_trade_no,
    status: refundStateOfV3(r.status ?? r.refund_status) ?? 'PROCESSING',
    refundFen: r.amount?.refund,
    refundId: r.refund_id,
    mchid: r.mchid,
  };
}

export interface V3Channel extends PaymentChannel {
  parseNotification(headers: Record<string, string>, rawBody: Buffer, now: Date): VerifiedNotification;
}

export function createV3Channel(config: PaymentsConfig, v3: V3Settings, http: HttpClient, clock: Clock, ids: IdSource): V3Channel {
  async function call(method: 'GET' | 'POST', pathWithQuery: string, payload?: unknown): Promise<{ status: number; json: unknown }> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const timestamp = String(Math.floor(clock.now().getTime() / 1000));
    const nonce = ids.token(16).toUpperCase();
    const signature = signSha256Rsa(requestMessage(method, pathWithQuery, timestamp, nonce, body), v3.privateKey);
    let res;
    try {
      res = await http({
        method,
        url: `${config.apiBase}${pathWithQuery}`,
        headers: {
          authorization: authorizationHeader({ mchid: config.mchid, serial: v3.serial, nonce, timestamp, signature }),
          accept: 'application/json',
          'user-agent': 'qiao/0.1 (+wechatpay-apiv3)',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body || undefined,
        timeoutMs: 8_000,
      });
    } catch (error) {
      throw new ChannelError(`WeChat Pay unreachable: ${error instanceof Error ? error.message : String(error)}`, true);
    }
    if (res.status >= 500) throw new ChannelError(`WeChat Pay answered ${res.status}`, true);
    if (res.status >= 200 && res.status < 300) {
      // A success we cannot verify is not believed: it may not come from WeChat Pay.
      const check = verifyWechatpaySignature(res.headers, res.body, clock.now(), v3.verifiers);
      if (!check.ok) throw new ChannelError(`response signature rejected: ${check.reason}`, true);
    }
    let json: unknown = null;
    if (res.body.length > 0) {
      try {
        json = JSON.parse(res.body.toString('utf8'));
      } catch {
        throw new ChannelError('WeChat Pay answered with malformed JSON', true);
      }
    }
    return { status: res.status, json };
  }

  const failure = (status: number, json: unknown) => {
    const body = (json ?? {}) as { code?: string; message?: string };
    return new ChannelError(`WeChat Pay refused (${status} ${body.code ?? ''}): ${body.message ?? ''}`.trim(), status === 429, body.code);
  };

  return {
    name: 'v3',

    async prepay(req: PrepayRequest): Promise<PrepayResult> {
      const { status, json } = await call('POST', '/v3/pay/transactions/jsapi', {
        appid: config.appid,
        mchid: config.mchid,
        description: req.description.slice(0, 127),
        out_trade_no: req.outTradeNo,
        time_expire: req.expiresAt.toISOString().replace(/\.\d{3}Z$/, '+00:00'),
        notify_url: config.notifyUrl,
        amount: { total: req.amountFen, currency: 'CNY' },
        payer: { openid: req.payerOpenid },
      });
      if (status !== 200) throw failure(status, json);
      const prepayId = z.object({ prepay_id: z.string().min(1) }).parse(json).prepay_id;
      const timeStamp = String(Math.floor(clock.now().getTime() / 1000));
      const nonceStr = ids.token(16);
      return {
        prepayId,
        payment: {
          timeStamp,
          nonceStr,
          package: `prepay_id=${prepayId}`,
          signType: 'RSA',
          paySign: miniProgramPaySign(config.appid, timeStamp, nonceStr, prepayId, v3.privateKey),
        },
      };
    },

    async query(outTradeNo: string): Promise<TransactionFacts> {
      const { status, json } = await call(
        'GET',
        `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(config.mchid)}`,
      );
      if (status === 404) return { channel: 'v3', outTradeNo, tradeState: 'NOT_FOUND' };
      if (status !== 200) throw failure(status, json);
      return transactionFacts(json);
    },

    async close(outTradeNo: string): Promise<void> {
      const { status, json } = await call('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`, {
        mchid: config.mchid,
      });
      if (status !== 204 && status !== 200) throw failure(status, json);
    },

    async refund(req: RefundRequest): Promise<RefundFacts> {
      const { status, json } = await call('POST', '/v3/refund/domestic/refunds', {
        out_trade_no: req.outTradeNo,
        out_refund_no: req.outRefundNo,
        reason: req.reason.slice(0, 80),
        notify_url: config.notifyUrl,
        amount: { refund: req.refundFen, total: req.totalFen, currency: 'CNY' },
      });
      if (status !== 200) throw failure(status, json);
      return refundFacts(json);
    },

    async queryRefund(outRefundNo: string): Promise<RefundFacts> {
      const { status, json } = await call('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`);
      if (status === 404) return { channel: 'v3', outRefundNo, status: 'NOT_FOUND' };
      if (status !== 200) throw failure(status, json);
      return refundFacts(json);
    },

    parseNotification(headers, rawBody, now): VerifiedNotification {
      const check = verifyWechatpaySignature(headers, rawBody, now, v3.verifiers);
      if (!check.ok) throw new NotificationRejected(check.reason);
      let note: z.infer<typeof Notification>;
      try {
        note = Notification.parse(JSON.parse(rawBody.toString('utf8')));
      } catch {
        throw new NotificationRejected('malformed notification body', 400);
      }
      if (note.resource.algorithm !== 'AEAD_AES_256_GCM')
        throw new NotificationRejected(`unsupported algorithm ${note.resource.algorithm}`, 400);
      let plain: unknown;
      try {
        plain = JSON.parse(decryptAesGcm(v3.apiV3Key, note.resource.nonce, note.resource.associated_data, note.resource.ciphertext));
      } catch (error) {
        throw new NotificationRejected(
          error instanceof DecryptionError ? 'resource decryption failed' : 'decrypted resource is not JSON',
          400,
        );
      }
      try {
        if (note.event_type === 'TRANSACTION.SUCCESS') return { kind: 'payment', facts: transactionFacts(plain) };
        if (note.event_type.startsWith('REFUND.')) return { kind: 'refund', facts: refundFacts(plain) };
      } catch {
        throw new NotificationRejected('decrypted resource has an unexpected shape', 400);
      }
      throw new NotificationRejected(`unsupported event ${note.event_type}`, 400);
    },
  };
}
