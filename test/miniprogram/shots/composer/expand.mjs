// Opens the privacy panel (将隐去 N 处 ›).
export default async ({ comp, sleep }) => {
  comp.querySelector('.privacy__bar').dispatchEvent('tap');
  await sleep(50);
};
