// 充值 opened from the wallet: packages and the balance. (Run with --query need=3100 for the
// conversation's case: the page then says how much the conversation needs.)
import { fakeBackend } from '../fake-backend.mjs';

export const packages = {
  packages: [
    { id: 'p6', title: '充值 ¥6', amountFen: 600 },
    { id: 'p30', title: '充值 ¥30', amountFen: 3000, bonusFen: 100 },
    { id: 'p98', title: '充值 ¥98', amountFen: 9800, bonusFen: 500 },
  ],
};

export default async function ({ page, wx, sleep }) {
  fakeBackend(wx, { 'wallet.get': { balance: 1_000, held: 0, available: 1_000 }, 'topup.packages': packages });
  // mpshot's phone reports iOS; this shot is the Android page (ios.mjs is the iOS one).
  page.setData({ canTopup: true });
  await page.load();
  await sleep(20);
}
