import { fakeBackend } from '../fake-backend.mjs';

export default async function ({ page, wx, sleep }) {
  fakeBackend(wx, { 'wallet.get': 'network', 'wallet.statement': 'network' });
  page.setData({ state: 'loading' });
  await page.load();
  await sleep(20);
}
