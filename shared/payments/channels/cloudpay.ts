import type { PaymentsConfig } from '../config';
import {
  ChannelError,
  type PaymentChannel,
  type PrepayRequest,
  type PrepayResult,
  type RefundFacts,
  type RefundRequest,
  type TransactionFacts,
} from '../types';
import { refundStateOfV2, tradeStateOf } from '../wechatpay-states';

/**
 * CloudBase cloudPay: wx-server-sdk forwards to WeChat's v2 service-provider API with camelCase
 * JSON. The SDK's typings omit `cloudPay`, so the calls used here are declared below. The SDK
 * resolves even when WeChat refuses: `returnCode` and `resultCode` are checked, never `errCode`.
 */
export interface CloudPayReply {
  returnCode?: string;
  returnMsg?: string;
  resultCode?: string;
  errCode?: string | number;
  errCodeDes?: string;
  [key: string]: unknown;
}

export interface CloudPayApi {
  unifiedOrder(params: Record<string, unknown>): Promise<CloudPayReply & { payment?: Record<string, string> }>;
  queryOrder(params: Record<string, unknown>): Promise<CloudPayReply>;
  closeOrder(params: Record<string, unknown>): Promise<CloudPayReply>;
  refund(params: Record<string, unknown>): Promise<CloudPayReply>;
  queryRefund(params: Record<string, unknown>): Promise<CloudPayReply>;
}

/** The callback function cloudPay notifies (it receives camelCase events, unsigned). */
export const CLOUDPAY_NOTIFY_FUNCTION = 'cloudPayNotify';

function ok<T extends CloudPayReply>(reply: T, what: string): T {
  if (reply.returnCode !== 'SUCCESS') throw new ChannelError(`cloudPay ${what} failed: ${reply.returnMsg ?? 'no returnCode'}`, true);
  return reply;
}

export function createCloudPayChannel(config: PaymentsConfig, api: CloudPayApi, nonce: () => string): PaymentChannel {
  const { subMchId, envId } = config.cloudpay!;
  return {
    name: 'cloudpay',

    async prepay(req: PrepayRequest): Promise<PrepayResult> {
      const reply = ok(
        await api.unifiedOrder({
          body: req.description.slice(0, 127),
          outTradeNo: req.outTradeNo,
          spbillCreateIp: '127.0.0.1',
          subMchId,
          totalFee: req.amountFen,
          envId,
          functionName: CLOUDPAY_NOTIFY_FUNCTION,
          nonceStr: nonce(),
          tradeType: 'JSAPI',
        }),
        'unifiedOrder',
      );
      const p = reply.payment;
      if (reply.resultCode !== 'SUCCESS' || !p)
        throw new ChannelError(
          `cloudPay refused (${String(reply.errCode ?? '')}): ${reply.errCodeDes ?? ''}`,
          false,
          String(reply.errCode ?? ''),
        );
      const prepayId = String(p.package ?? '').replace(/^prepay_id=/, '');
      return {
        prepayId,
        payment: {
          timeStamp: String(p.timeStamp),
          nonceStr: String(p.nonceStr),
          package: String(p.package),
          signType: String(p.signType),
          paySign: String(p.paySign),
        },
      };
    },

    async query(outTradeNo: string): Promise<TransactionFacts> {
      const reply = ok(await api.queryOrder({ subMchId, outTradeNo, nonceStr: nonce() }), 'queryOrder');
      if (reply.resultCode !== 'SUCCESS') {
        if (reply.errCode === 'ORDERNOTEXIST') return { channel: 'cloudpay', outTradeNo, tradeState: 'NOT_FOUND' };
        throw new ChannelError(`cloudPay queryOrder refused: ${reply.errCodeDes ?? ''}`, true);
      }
      return {
        channel: 'cloudpay',
        outTradeNo: String(reply.outTradeNo ?? outTradeNo),
        tradeState: tradeStateOf(reply.tradeState),
        transactionId: reply.transactionId as string | undefined,
        amountFen: reply.totalFee !== undefined ? Number(reply.totalFee) : undefined,
        currency: String(reply.feeType ?? 'CNY'),
        mchid: reply.subMchId as string | undefined,
        payerOpenid: (reply.subOpenid ?? reply.openid) as string | undefined,
        successTime: reply.timeEnd as string | undefined,
      };
    },

    async close(outTradeNo: string): Promise<void> {
      const reply = ok(await api.closeOrder({ subMchId, outTradeNo, nonceStr: nonce() }), 'closeOrder');
      if (reply.resultCode !== 'SUCCESS' && reply.errCode !== 'ORDERCLOSED')
        throw new ChannelError(`cloudPay closeOrder refused: ${reply.errCodeDes ?? ''}`, true);
    },

    async refund(req: RefundRequest): Promise<RefundFacts> {
      const reply = ok(
        await api.refund({
          subMchId,
          outTradeNo: req.outTradeNo,
          outRefundNo: req.outRefundNo,
          totalFee: req.totalFen,
          refundFee: req.refundFen,
          refundDesc: req.reason.slice(0, 80),
          envId,
          functionName: CLOUDPAY_NOTIFY_FUNCTION,
          nonceStr: nonce(),
        }),
        'refund',
      );
      if (reply.resultCode !== 'SUCCESS')
        throw new ChannelError(
          `cloudPay refund refused (${String(reply.errCode ?? '')}): ${reply.errCodeDes ?? ''}`,
          false,
          String(reply.errCode ?? ''),
        );
      return {
        channel: 'cloudpay',
        outRefundNo: req.outRefundNo,
        outTradeNo: req.outTradeNo,
        status: 'PROCESSING',
        refundFen: req.refundFen,
        refundId: reply.refundId as string | undefined,
      };
    },

    async queryRefund(outRefundNo: string, outTradeNo: string): Promise<RefundFacts> {
      const reply = ok(await api.queryRefund({ subMchId, outTradeNo, outRefundNo, nonceStr: nonce() }), 'queryRefund');
      if (reply.resultCode !== 'SUCCESS') {
        if (reply.errCode === 'REFUNDNOTEXIST') return { channel: 'cloudpay', outRefundNo, status: 'NOT_FOUND' };
        throw new ChannelError(`cloudPay queryRefund refused: ${reply.errCodeDes ?? ''}`, true);
      }
      const status = refundStateOfV2(reply.refundStatus0) ?? 'PROCESSING';
      return { channel: 'cloudpay', outRefundNo, outTradeNo, status };
    },
  };
}
