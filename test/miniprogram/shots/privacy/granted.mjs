// 隐私与数据 with both consents given: 撤回出境同意, export and delete.
import { daysAgo, fakeBackend } from '../fake-backend.mjs';

export default async function ({ page, wx, sleep }) {
  await sleep(300); // the page's own backend-less load (onShow) lands first
  fakeBackend(wx, {
    'consent.get': { currentVersion: '2026-11', accepted: true, crossBorder: true, crossBorderAt: daysAgo(3, 10, 15) },
  });
  await page.load();
  await sleep(20);
}
