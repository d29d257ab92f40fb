import { fakeBackend } from '../fake-backend.mjs';

export default async function ({ page, wx, sleep }) {
  await sleep(300); // the page's own backend-less load (onShow) lands first
  fakeBackend(wx, { 'consent.get': 'network' });
  await page.load();
  await sleep(20);
}
