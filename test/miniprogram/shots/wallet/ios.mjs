// 钱包 on iOS: the neutral notice instead of 充值 (no hint to pay elsewhere).
import statement from './statement.mjs';

export default async function (ctx) {
  await statement(ctx);
  ctx.page.setData({ canTopup: false });
}
