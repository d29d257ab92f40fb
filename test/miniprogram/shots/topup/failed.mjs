// The result after paying: failed.
import packages from './packages.mjs';

export default async function (ctx) {
  await packages(ctx);
  ctx.page.setData({ screen: { kind: 'failed', message: '支付没有完成' } });
}
