// 对话 with nothing yet, and without cross-border consent (the banner).
import { fakeBackend } from '../fake-backend.mjs';

export default async function ({ page, wx, sleep }) {
  fakeBackend(wx, {
    'consent.get': { currentVersion: '2026-11', accepted: true, crossBorder: false },
    'chat.conversations': { conversations: [], nextCursor: null },
  });
  await page.load();
  await sleep(20);
}
