import { fakeBackend } from '../fake-backend.mjs';

export default async function ({ page, wx, sleep }) {
  fakeBackend(wx, { 'consent.get': 'network', 'chat.conversations': 'network' });
  await page.load();
  await sleep(20);
}
