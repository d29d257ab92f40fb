/**
 * `npm run demo`: the user journey against a fresh, in-memory local cloud (functions, database and
 * WeChat Pay sandbox), printed as a readable transcript.
 */
import type { FunctionModule } from './host/server';
import { startLocalStack, type LocalStack } from './stack';
import { formatYuan } from '../shared/money/format';

const USER = 'demo-user';
const MERCHANT = 'demo-merchant';

async function call<T>(stack: LocalStack, fn: string, openid: string, action: string, payload?: unknown): Promise<T> {
  const res = await fetch(`${stack.base}/fn/${fn}`, {
    method: 'POST',
    headers: { 'x-wx-openid': openid },
    body: JSON.stringify({ action, payload }),
  });
  const json = (await res.json()) as { ok: boolean; data: T; error?: { code: string; message: string } };
  if (!json.ok) throw new Error(`${fn}.${action}: ${json.error?.code} ${json.error?.message}`);
  return json.data;
}

const say = (line = '') => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  process.env.ADMIN_OPENIDS = MERCHANT;
  console.log = () => undefined; // the functions' own JSON logs would interleave with the transcript
  console.error = () => undefined;
  const stack = await startLocalStack({
    log: () => undefined,
    load: async (name) => (await import(`../cloudfunctions/${name}/index`)) as FunctionModule,
  });
  say(`Qiao demo — a fresh local cloud at ${stack.base} (WeChat Pay: sandbox, ${process.env.WECHATPAY_CHANNEL})`);
  say();

  const session = await call<{ openid: string; isAdmin: boolean }>(stack, 'api', USER, 'session.get');
  say(`1. ${USER} opens Qiao: openid ${session.openid}, merchant: ${session.isAdmin ? 'yes' : 'no'}`);

  const consent = await call<{ crossBorder: boolean }>(stack, 'api', USER, 'consent.accept', { version: '2026-11', crossBorder: true });
  say(`2. ${USER} accepts the privacy policy and, separately, cross-border transfer: ${consent.crossBorder ? 'yes' : 'no'}`);
  const { packages } = await call<{ packages: Array<{ id: string; title: string; amountFen: number; bonusFen?: number }> }>(
    stack,
    'api',
    USER,
    'topup.packages',
  );
  say(
    `3. Top-up packages: ${packages.map((p) => `${p.title}${p.bonusFen ? `（送 ¥${(p.bonusFen / 100).toFixed(2)}）` : ''}`).join(' · ')}`,
  );

  const order = await call<{ outTradeNo: string; amountFen: number; payment: { signType: string; package: string } }>(
    stack,
    'api',
    USER,
    'topup.create',
    { packageId: 'p30' },
  );
  say(
    `4. topup.create p30 → order ${order.outTradeNo}, ¥${(order.amountFen / 100).toFixed(2)}, wx.requestPayment(${order.payment.package}, signType ${order.payment.signType})`,
  );

  await fetch(`${stack.base}/sandbox/wechatpay/confirm`, {
    method: 'POST',
    body: JSON.stringify({ outTradeNo: order.outTradeNo, outcome: 'SUCCESS', duplicates: 3 }),
  });
  await stack.sandbox.settle();
  say('5. The payer confirms in the sandbox; WeChat Pay sends 3 copies of the signed, encrypted notification');

  const status = await call<{ status: string }>(stack, 'api', USER, 'topup.status', { outTradeNo: order.outTradeNo });
  const wallet = await call<{ balance: number; held: number; available: number }>(stack, 'api', USER, 'wallet.get');
  say(`6. topup.status → ${status.status}; wallet ${formatYuan(wallet.balance)} (credited once, bonus included)`);

  const statement = await call<{ entries: Array<{ kind: string; amount: number; ref: string }> }>(
    stack,
    'api',
    USER,
    'wallet.statement',
    {},
  );
  say(`7. Statement: ${statement.entries.map((e) => `${e.kind} ${formatYuan(e.amount)} (${e.ref})`).join('; ')}`);

  const question = '我叫张伟，手机13812345678，身份证11010519491231002X。帮我给房东写一条消息：下个月起房租改到每月5号交。';
  say(`8. ${USER} asks: ${question}`);
  const sentBefore = stack.llm.requests.length;
  const answer = await call<{
    sent: string;
    reply: string;
    usage: { input: number; output: number };
    cost: number;
    balance: number;
    messageId: string;
  }>(stack, 'api', USER, 'chat.send', {
    requestId: '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
    text: question,
  });
  const wire = JSON.parse(stack.llm.requests[sentBefore]!.body) as { messages: Array<{ role: string; content: string }> };
  say(`9. What the model abroad received (user turn): ${wire.messages.at(-1)!.content}`);
  say(
    `    (request body contains the name, phone or ID number: ${/张伟|13812345678|11010519491231002X/.test(JSON.stringify(wire)) ? 'YES — a leak' : 'no'})`,
  );
  say(`10. The restored answer: ${answer.reply}`);
  say(
    `11. Cost: ${formatYuan(answer.cost)} for ${answer.usage.input} input + ${answer.usage.output} output tokens; balance ${formatYuan(answer.balance)}`,
  );
  const again = await call<{ cost: number; balance: number }>(stack, 'api', USER, 'chat.send', {
    requestId: '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
    text: question,
  });
  say(`12. The app retries with the same requestId: same answer, balance still ${formatYuan(again.balance)} (charged once)`);
  const final = await call<{ entries: Array<{ kind: string; amount: number; ref: string }> }>(stack, 'api', USER, 'wallet.statement', {});
  say(`13. Statement now: ${final.entries.map((e) => `${e.kind} ${formatYuan(e.amount)}`).join('; ')}`);
  const refund = await call<{ outRefundNo: string; status: string }>(stack, 'admin', MERCHANT, 'orders.refund', {
    outTradeNo: order.outTradeNo,
    amountFen: 1000,
    reason: '用户申请部分退款',
    requestId: 'demo-refund-0001',
  });
  await stack.sandbox.settle();
  const after = await call<{ balance: number }>(stack, 'api', USER, 'wallet.get');
  const orders = await call<{ orders: Array<{ status: string; refundedFen: number }> }>(stack, 'api', USER, 'orders.list', {});
  say(
    `14. ${MERCHANT} refunds ¥10.00 (${refund.outRefundNo}); order ${orders.orders[0]?.status}, refunded ¥${((orders.orders[0]?.refundedFen ?? 0) / 100).toFixed(2)}; wallet ${formatYuan(after.balance)}`,
  );

  await stack.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
