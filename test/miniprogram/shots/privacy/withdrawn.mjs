// 隐私与数据 after the cross-border consent was withdrawn, with the notice of a finished export.
import { daysAgo, fakeBackend } from '../fake-backend.mjs';

export default async function ({ page, wx, sleep }) {
  await sleep(300); // the page's own backend-less load (onShow) lands first
  fakeBackend(wx, {
    'consent.get': { currentVersion: '2026-11', accepted: true, crossBorder: false, withdrawnAt: daysAgo(1, 21, 40) },
  });
  await page.load();
  page.setData({ notice: '你的数据（JSON）已复制到剪贴板' });
  await sleep(20);
}
