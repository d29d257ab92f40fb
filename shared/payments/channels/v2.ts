import type { Clock } from '../../platform/clock';
import type { HttpClient } from '../../platform/http-client';
import type { IdSource } from '../../platform/ids';
import type { PaymentsConfig } from '../config';
import { decryptV2RefundInfo, v2Sign, v2Verify } from '../crypto/v2-sign';
import { buildFlatXml, parseFlatXml, XmlError } from '../crypto/xml';
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
import { refundStateOfV2, tradeStateOf } from '../wechatpay-states';

/**
 * WeChat Pay API v2 (XML, HMAC-SHA256 signatures) for merchants still on it. v2 refunds need the
 * merchant API certificate for mutual TLS in production (not configured here; the sandbox does not
 * check it): prefer v3 for refunds.
 */
export interface V2Channel extends PaymentChannel {
  parseNotification(rawBody: Buffer): VerifiedNotification;
}

/** WeChat Pay's v2 time format `yyyyMMddHHmmss` in Beijing time. */
function beijingTime(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

export function createV2Channel(config: PaymentsConfig, key: string, http: HttpClient, clock: Clock, ids: IdSource): V2Channel {
  async function call(path: string, fields: Record<string, string | number>): Promise<Record<string, string>> {
    const params: Record<string, string | number> = {
      appid: config.appid,
      mch_id: config.mchid,
      nonce_str: ids.token(16),
      sign_type: 'HMAC-SHA256',
      ...fields,
    };
    params.sign = v2Sign(params, key, 'HMAC-SHA256');
    let res;
    try {
      res = await http({
        method: 'POST',
        url: `${config.apiBase}${path}`,
        headers: { 'content-type': 'text/xml' },
        body: buildFlatXml(params),
        timeoutMs: 8_000,
      });
    } catch (error) {
      throw new ChannelError(`WeChat Pay unreachable: ${error instanceof Error ? error.message : String(error)}`, true);
    }
    if (res.status >= 500) throw new ChannelError(`WeChat Pay answered ${res.status}`, true);
    let reply: Record<string, string>;
    try {
      reply = parseFlatXml(res.body.toString('utf8'));
    } catch {
      throw new ChannelError('WeChat Pay answered with malformed XML', true);
    }
    if (reply.return_code !== 'SUCCESS')
      throw new ChannelError(`WeChat Pay refused: ${reply.return_msg ?? 'FAIL'}`, false, reply.return_code);
    if (!v2Verify(reply, key)) throw new ChannelError('response signature rejected', true);
    return reply;
  }

  const businessFailure = (reply: Record<string, string>) =>
    new ChannelError(
      `WeChat Pay refused (${reply.err_code ?? ''}): ${reply.err_code_des ?? ''}`,
      reply.err_code === 'SYSTEMERROR',
      reply.err_code,
    );

  function transaction(reply: Record<string, string>, outTradeNo: string): TransactionFacts {
    return {
      channel: 'v2',
      outTradeNo: reply.out_trade_no ?? outTradeNo,
      tradeState: tradeStateOf(reply.trade_state),
      transactionId: reply.transaction_id,
      amountFen: reply.total_fee !== undefined ? Number(reply.total_fee) : undefined,
      currency: reply.fee_type ?? 'CNY',
      appid: reply.appid,
      mchid: reply.mch_id,
      payerOpenid: reply.openid,
      successTime: reply.time_end,
    };
  }

  return {
    name: 'v2',

    async prepay(req: PrepayRequest): Promise<PrepayResult> {
      const reply = await call('/pay/unifiedorder', {
        body: req.description.slice(0, 127),
        out_trade_no: req.outTradeNo,
        total_fee: req.amountFen,
        fee_type: 'CNY',
        spbill_create_ip: '127.0.0.1',
        time_expire: beijingTime(req.expiresAt),
        notify_url: config.notifyUrl,
        trade_type: 'JSAPI',
        openid: req.payerOpenid,
      });
      if (reply.result_code !== 'SUCCESS' || !reply.prepay_id) throw businessFailure(reply);
      const payment = {
        appId: config.appid,
        timeStamp: String(Math.floor(clock.now().getTime() / 1000)),
        nonceStr: ids.token(16),
        package: `prepay_id=${reply.prepay_id}`,
        signType: 'HMAC-SHA256',
      };
      const paySign = v2Sign(payment, key, 'HMAC-SHA256');
      return {
        prepayId: reply.prepay_id,
        payment: {
          timeStamp: payment.timeStamp,
          nonceStr: payment.nonceStr,
          package: payment.package,
          signType: payment.signType,
          paySign,
        },
      };
    },

    async query(outTradeNo: string): Promise<TransactionFacts> {
      const reply = await call('/pay/orderquery', { out_trade_no: outTradeNo });
      if (reply.result_code !== 'SUCCESS') {
        if (reply.err_code === 'ORDERNOTEXIST') return { channel: 'v2', outTradeNo, tradeState: 'NOT_FOUND' };
        throw businessFailure(reply);
      }
      return transaction(reply, outTradeNo);
    },

    async close(outTradeNo: string): Promise<void> {
      const reply = await call('/pay/closeorder', { out_trade_no: outTradeNo });
      if (reply.result_code !== 'SUCCESS' && reply.err_code !== 'ORDERCLOSED') throw businessFailure(reply);
    },

    async refund(req: RefundRequest): Promise<RefundFacts> {
      const reply = await call('/secapi/pay/refund', {
        out_trade_no: req.outTradeNo,
        out_refund_no: req.outRefundNo,
        total_fee: req.totalFen,
        refund_fee: req.refundFen,
        refund_desc: req.reason.slice(0, 80),
        notify_url: config.notifyUrl,
      });
      if (reply.result_code !== 'SUCCESS') throw businessFailure(reply);
      // v2 accepts the refund here; its outcome arrives by notification or refundquery.
      return {
        channel: 'v2',
        outRefundNo: req.outRefundNo,
        outTradeNo: req.outTradeNo,
        status: 'PROCESSING',
        refundFen: Number(reply.refund_fee ?? req.refundFen),
        refundId: reply.refund_id,
      };
    },

    async queryRefund(outRefundNo: string): Promise<RefundFacts> {
      const reply = await call('/pay/refundquery', { out_refund_no: outRefundNo });
      if (reply.result_code !== 'SUCCESS') {
        if (reply.err_code === 'REFUNDNOTEXIST') return { channel: 'v2', outRefundNo, status: 'NOT_FOUND' };
        throw businessFailure(reply);
      }
      const status = refundStateOfV2(reply.refund_status_0) ?? 'PROCESSING';
      return {
        channel: 'v2',
        outRefundNo,
        outTradeNo: reply.out_trade_no,
        status,
        refundFen: reply.refund_fee_0 ? Number(reply.refund_fee_0) : undefined,
        refundId: reply.refund_id_0,
      };
    },

    parseNotification(rawBody: Buffer): VerifiedNotification {
      let fields: Record<string, string>;
      try {
        fields = parseFlatXml(rawBody.toString('utf8'));
      } catch (error) {
        throw new NotificationRejected(error instanceof XmlError ? error.message : 'malformed XML', 400);
      }
      if (fields.return_code !== 'SUCCESS') throw new NotificationRejected('return_code is not SUCCESS', 400);
      if (fields.req_info !== undefined) {
        // Refund notifications carry no sign: the encryption with our key is what authenticates them.
        let info: Record<string, string>;
        try {
          info = parseFlatXml(decryptV2RefundInfo(fields.req_info, key), 'root');
        } catch {
          throw new NotificationRejected('req_info decryption failed');
        }
        // A refund notification is only sent for a final state; a word we do not know is read as abnormal.
        const status = refundStateOfV2(info.refund_status) ?? 'ABNORMAL';
        if (!info.out_refund_no) throw new NotificationRejected('refund notification without out_refund_no', 400);
        return {
          kind: 'refund',
          facts: {
            channel: 'v2',
            outRefundNo: info.out_refund_no,
            outTradeNo: info.out_trade_no,
            status,
            refundFen: info.refund_fee ? Number(info.refund_fee) : undefined,
            refundId: info.refund_id,
            mchid: fields.mch_id,
          },
        };
      }
      if (!v2Verify(fields, key)) throw new NotificationRejected('bad signature');
      if (fields.result_code !== 'SUCCESS') throw new NotificationRejected('result_code is not SUCCESS', 400);
      if (!fields.out_trade_no || !/^\d+$/.test(fields.total_fee ?? ''))
        throw new NotificationRejected('notification without out_trade_no or total_fee', 400);
      return {
        kind: 'payment',
        facts: {
          channel: 'v2',
          outTradeNo: fields.out_trade_no,
          tradeState: 'SUCCESS',
          transactionId: fields.transaction_id,
          amountFen: Number(fields.total_fee),
          currency: fields.fee_type ?? 'CNY',
          appid: fields.appid,
          mchid: fields.mch_id,
          payerOpenid: fields.openid,
          successTime: fields.time_end,
        },
      };
    },
  };
}

export const V2_SUCCESS_REPLY = '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>';
export const v2FailReply = (message: string) =>
  `<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[${message.replace(/]]>/g, '')}]]></return_msg></xml>`;
