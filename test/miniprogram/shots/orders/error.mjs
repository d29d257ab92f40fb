import { fakeBackend } from '../fake-backend.mjs';

export default async function ({ page, wx, sleep }) {
  fakeBackend(wx, { 'orders.list': { error: ['INTERNAL', '服务暂时不可用，请稍后重试'] } });
  await page.load();
  await sleep(20);
}
