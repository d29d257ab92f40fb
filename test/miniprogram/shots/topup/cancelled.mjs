// The result after paying: cancelled.
import packages from './packages.mjs';

export default async function (ctx) {
  await packages(ctx);
  ctx.page.setData({ screen: { kind: 'cancelled' } });
}
