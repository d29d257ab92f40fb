import { fakeBackend } from '../fake-backend.mjs';

export default async function ({ page, wx, sleep }) {
  fakeBackend(wx, { 'orders.list': { orders: [], nextCursor: null } });
  await page.load();
  await sleep(20);
}
