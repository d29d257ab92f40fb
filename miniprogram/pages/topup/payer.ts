import { appConfig } from '../../config';
import { formatFen } from '../../utils/format';
import type { PayerPort } from '../../utils/topup';

/** The payer: WeChat Pay in the cloud; locally the sandbox plays it, after the developer confirms. */
export const payer: PayerPort = {
  pay: (order) =>
    new Promise((resolve) => {
      if (appConfig.mode === 'cloud') {
        wx.requestPayment({
          ...order.payment,
          signType: order.payment.signType as 'RSA',
          success: () => resolve('ok'),
          fail: (err) => resolve(/cancel/.test(err.errMsg) ? 'cancel' : 'fail'),
        });
        return;
      }
      wx.showModal({
        title: '本地沙箱支付',
        content: `模拟微信支付 ${formatFen(order.amountFen)}`,
        confirmText: '支付',
        cancelText: '取消',
        success: (r) => {
          const outcome = r.confirm ? 'SUCCESS' : 'CANCEL';
          wx.request({
            url: `${appConfig.localUrl}/sandbox/wechatpay/confirm`,
            method: 'POST',
            data: { outTradeNo: order.outTradeNo, outcome },
            success: () => resolve(r.confirm ? 'ok' : 'cancel'),
            fail: () => resolve('fail'),
          });
        },
        fail: () => resolve('cancel'),
      });
    }),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  now: () => Date.now(),
};
