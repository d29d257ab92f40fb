// The result after paying: success.
import packages from './packages.mjs';

export default async function (ctx) {
  await packages(ctx);
  ctx.page.setData({ screen: { kind: 'success', balanceText: '¥37.23' } });
}
