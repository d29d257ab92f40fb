export default async ({ page, sleep }) => {
  await sleep(300);
  page.setData({ state: 'loading' });
};
