import type { CloudPayApi, CloudPayReply } from '../../../shared/payments/channels/cloudpay';
import { v2Sign } from '../../../shared/payments/crypto/v2-sign';
import type { WechatPaySandbox } from './sandbox';
import { v2RefundWord } from '../../../shared/payments/wechatpay-states';

/**
 * `cloud.cloudPay` for the local cloud: the same camelCase calls and replies as wx-server-sdk's,
 * answered from the sandbox's order book. The callback is delivered by invoking the function named
 * in `functionName`, as cloudPay does.
 */
export function sandboxCloudPay(sandbox: WechatPaySandbox): CloudPayApi {
  const { state, identity } = sandbox;
  const base = (): CloudPayReply => ({ returnCode: 'SUCCESS', returnMsg: 'OK', errCode: 0 });
  return {
    async unifiedOrder(p) {
      const outTradeNo = String(p.outTradeNo);
      let order = state.orders.get(outTradeNo);
      if (!order) {
        order = {
          api: 'cloudpay',
          outTradeNo,
          appid: identity.appid,
          mchid: String(p.subMchId),
          openid: sandbox.currentOpenid(),
          amountFen: Number(p.totalFee),
          description: String(p.body ?? ''),
          notifyUrl: String(p.functionName),
          prepayId: state.nextId('wx'),
          state: 'NOTPAY',
        };
        state.orders.set(outTradeNo, order);
        state.save();
      }
      const payment = {
        appId: identity.appid,
        timeStamp: String(Math.floor(Date.now() / 1000)),
        nonceStr: String(p.nonceStr),
        package: `prepay_id=${order.prepayId}`,
        signType: 'MD5',
      };
      return { ...base(), resultCode: 'SUCCESS', payment: { ...payment, paySign: v2Sign(payment, identity.v2Key, 'MD5') } };
    },
    async queryOrder(p) {
      const order = state.orders.get(String(p.outTradeNo));
      if (!order) return { ...base(), resultCode: 'FAIL', errCode: 'ORDERNOTEXIST', errCodeDes: '订单不存在' };
      return {
        ...base(),
        resultCode: 'SUCCESS',
        outTradeNo: order.outTradeNo,
        tradeState: order.state,
        totalFee: order.amountFen,
        feeType: 'CNY',
        subMchId: order.mchid,
        subOpenid: order.openid,
        transactionId: order.transactionId,
        timeEnd: order.successTime,
      };
    },
    async closeOrder(p) {
      const order = state.orders.get(String(p.outTradeNo));
      if (!order) return { ...base(), resultCode: 'FAIL', errCode: 'ORDERNOTEXIST' };
      if (order.state === 'SUCCESS') return { ...base(), resultCode: 'FAIL', errCode: 'ORDERPAID' };
      order.state = 'CLOSED';
      state.save();
      return { ...base(), resultCode: 'SUCCESS' };
    },
    async refund(p) {
      const order = state.orders.get(String(p.outTradeNo));
      if (!order || order.state === 'NOTPAY' || order.state === 'CLOSED')
        return { ...base(), resultCode: 'FAIL', errCode: 'TRADE_STATE_ERROR' };
      const refund = sandbox.createRefund('cloudpay', order, String(p.outRefundNo), Number(p.refundFee), String(p.functionName));
      return { ...base(), resultCode: 'SUCCESS', refundId: refund.refundId };
    },
    async queryRefund(p) {
      const refund = state.refunds.get(String(p.outRefundNo));
      if (!refund) return { ...base(), resultCode: 'FAIL', errCode: 'REFUNDNOTEXIST' };
      return { ...base(), resultCode: 'SUCCESS', refundStatus0: v2RefundWord(refund.status), refundFee0: refund.amountFen };
    },
  };
}
