// 钱包: a chat running (冻结中), the statement by day, one row per chat; an old hold row hidden.
import { daysAgo, fakeBackend, today } from '../fake-backend.mjs';

const e = (id, kind, amount, balanceAfter, createdAt, reason) => ({
  id,
  kind,
  amount,
  balanceAfter,
  heldAfter: 0,
  ref: id,
  createdAt,
  ...(reason ? { reason } : {}),
});
// mpshot's phone reports iOS; this shot is the Android wallet (ios.mjs is the iOS one).
export default async function ({ page, wx, sleep }) {
  page.setData({ canTopup: true });
  fakeBackend(wx, {
    'wallet.get': { balance: 30_986_900, held: 50_000, available: 30_936_900 },
    'wallet.statement': {
      entries: [
        e('hold:r9', 'hold', 50_000, 30_986_900, today(9, 31)),
        e('settle:r3', 'settle', -3_100, 30_986_900, today(9, 30)),
        e('settle:r2', 'settle', -31, 30_990_000, today(9, 12)),
        e('settle:r1', 'settle', -9_969, 30_990_031, daysAgo(1, 22, 4), 'cache_hit'),
        e('topup:Q2', 'topup', 31_000_000, 31_000_000, daysAgo(1, 21, 58)),
        e('refund:RF1', 'refund_debit', -6_000_000, 0, daysAgo(5, 10, 0)),
        e('topup:Q1', 'topup', 6_000_000, 6_000_000, daysAgo(400, 10, 0)),
      ],
      nextCursor: null,
    },
  });
  await page.load();
  await sleep(20);
}
