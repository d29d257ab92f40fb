import { msg, ready } from './fixtures.mjs';

// Short of money: 去充值 / 充值并重试 on the message; after the top-up page returns, the notice offers 重试.
export default async ({ page }) => {
  const hello = msg({ text: '你好', sent: '你好', reply: '你好！有什么可以帮你？', cost: 900 });
  const short = msg({
    text: '写一份周报',
    sent: '写一份周报',
    status: 'failed',
    reply: '',
    cost: undefined,
    error: { code: 'INSUFFICIENT_BALANCE', message: '余额不足，充值后可继续', details: { required: 5000, available: 1000 } },
  });
  await ready(page, [hello, short]);
  if (process.env.TOPPED_UP) page.onToppedUp(short.messageId, { balance: 6_000_000 }, false);
};
