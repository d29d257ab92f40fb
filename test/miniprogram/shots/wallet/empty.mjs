import { fakeBackend } from '../fake-backend.mjs';

export default async function ({ page, wx, sleep }) {
  page.setData({ canTopup: true });
  fakeBackend(wx, { 'wallet.get': { balance: 0, held: 0, available: 0 }, 'wallet.statement': { entries: [], nextCursor: null } });
  await page.load();
  await sleep(20);
}
