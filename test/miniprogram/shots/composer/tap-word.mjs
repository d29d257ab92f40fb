// Opens the panel and taps 青 and 龙: the user hides 青龙 too.
export default async ({ comp, sleep }) => {
  comp.querySelector('.privacy__bar').dispatchEvent('tap');
  await sleep(50);
  for (const ch of ['青', '龙']) {
    const piece = comp.querySelectorAll('.piece--word').find((p) => p.dom.textContent === ch);
    piece.dispatchEvent('tap');
    await sleep(50);
  }
};
