import { paymentDelivery } from '../../../local/sandbox/wechatpay/notifier';
import type { LocalStack } from '../../../local/stack';
import { measure, type BenchResult } from '../measure';

/** WeChat Pay against the local sandbox: creating orders and verifying-and-crediting notifications. */
export async function paymentBenchmarks(stack: LocalStack): Promise<BenchResult[]> {
  const call = async (action: string, payload: unknown) => {
    const res = await fetch(`${stack.base}/fn/api`, {
      method: 'POST',
      headers: { 'x-wx-openid': 'bench' },
      body: JSON.stringify({ action, payload }),
    });
    return (await res.json()) as { ok: boolean; data: { outTradeNo: string } };
  };
  const results: BenchResult[] = [];
  const orders: string[] = [];
  results.push(
    await measure(
      'payments: topup.create against the sandbox (v3 prepay, signed both ways)',
      async () => {
        const res = await call('topup.create', { packageId: 'p6' });
        if (!res.ok) throw new Error('topup.create failed');
        orders.push(res.data.outTradeNo);
      },
      { iterations: 400, warmup: 20, note: 'function host + RSA sign + sandbox verify/sign + RSA verify + 2 DB writes' },
    ),
  );

  // Mark them paid in the sandbox without notifying, then deliver one notification per order ourselves.
  const deliveries = orders.map((no) => {
    const order = stack.sandbox.state.orders.get(no)!;
    order.state = 'SUCCESS';
    order.transactionId = `42${no}`;
    order.successTime = new Date().toISOString();
    return paymentDelivery(stack.sandbox.identity, order); // signed and encrypted before timing starts
  });
  let i = 0;
  results.push(
    await measure(
      'payments: v3 notification verified and credited via /http/payNotify',
      async () => {
        const d = deliveries[i++]!;
        const res = await fetch(d.url, { method: 'POST', headers: d.headers, body: d.body });
        if (res.status !== 204) throw new Error(`payNotify answered ${res.status}`);
      },
      {
        iterations: deliveries.length - 20,
        warmup: 20,
        note: 'RSA verify + AES-GCM decrypt + order match + PAID and credit in one transaction; ops/s = notifications per second, sequential',
      },
    ),
  );
  await stack.sandbox.settle();
  return results;
}
