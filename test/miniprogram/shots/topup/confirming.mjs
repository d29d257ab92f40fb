// The result after paying: confirming.
import packages from './packages.mjs';

export default async function (ctx) {
  await packages(ctx);
  ctx.page.setData({ screen: { kind: 'confirming', outTradeNo: 'Q20261122200501A7F3', refreshing: false } });
}
