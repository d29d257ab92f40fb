// Any page while its first load is still on its way: a backend that never answers.
export default async function ({ page, wx, sleep }) {
  wx.request = () => undefined;
  page.setData({ state: 'loading' });
  void page.load();
  await sleep(20);
}
