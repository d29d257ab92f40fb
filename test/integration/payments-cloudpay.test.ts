/** Top-ups through CloudBase cloudPay, whose callback is unsigned and so is never believed by itself. */
import type { LocalStack } from '../../local/stack';
import { ORDERS } from '../../shared/payments/documents';
import { call, confirmPayment, ok, startStack } from '../support/stack';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startStack({ channel: 'cloudpay', env: { ADMIN_OPENIDS: 'boss' } });
});
afterAll(() => stack.close());

const balanceOf = async (openid: string) => (await ok<{ balance: number }>(stack, 'api', openid, 'wallet.get')).balance;

it('pays through cloudPay, confirmed by queryOrder, credited once', async () => {
  const created = await ok<{ outTradeNo: string; payment: { signType: string } }>(stack, 'api', 'cp-payer', 'topup.create', {
    packageId: 'p6',
  });
  expect(created.payment.signType).toBe('MD5');
  await confirmPayment(stack, created.outTradeNo, 5);
  expect(await balanceOf('cp-payer')).toBe(6_000_000);
});

it('credits nothing when a client calls cloudPayNotify with a forged event', async () => {
  const created = await ok<{ outTradeNo: string }>(stack, 'api', 'cp-forger', 'topup.create', { packageId: 'p98' });
  const forged = {
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    outTradeNo: created.outTradeNo,
    totalFee: 9800,
    cashFee: 9800,
    subMchId: stack.sandbox.identity.mchid,
    subOpenid: 'cp-forger',
    transactionId: 'forged',
  };
  const reply = await fetch(`${stack.base}/fn/cloudPayNotify`, {
    method: 'POST',
    headers: { 'x-wx-openid': 'cp-forger' },
    body: JSON.stringify(forged),
  });
  expect(await reply.json()).toEqual({ errcode: 0, errmsg: 'not paid' });
  expect(await balanceOf('cp-forger')).toBe(0);
  expect(stack.local.store.peek(ORDERS, created.outTradeNo)).toMatchObject({ status: 'CREATED' });
  expect(
    await (await fetch(`${stack.base}/fn/cloudPayNotify`, { method: 'POST', body: JSON.stringify({ outTradeNo: '../../etc' }) })).json(),
  ).toEqual({ errcode: 0, errmsg: 'ignored' });
});

it('refunds through cloudPay', async () => {
  const created = await ok<{ outTradeNo: string }>(stack, 'api', 'cp-refund', 'topup.create', { packageId: 'p6' });
  await confirmPayment(stack, created.outTradeNo);
  expect(
    await call(stack, 'admin', 'boss', 'orders.refund', {
      outTradeNo: created.outTradeNo,
      amountFen: 600,
      reason: '云支付退款',
      requestId: 'cp-refund-001',
    }),
  ).toMatchObject({ ok: true });
  await stack.sandbox.settle();
  expect(await balanceOf('cp-refund')).toBe(0);
  expect(stack.local.store.peek(ORDERS, created.outTradeNo)).toMatchObject({ status: 'REFUNDED' });
});
