import { fakeBackend } from '../fake-backend.mjs';
import { packages } from './packages.mjs';

export default async function ({ page, wx, sleep }) {
  fakeBackend(wx, { 'wallet.get': { balance: 0, held: 0, available: 0 }, 'topup.packages': packages });
  page.setData({ canTopup: false });
  await page.load();
  await sleep(20);
}
