// Both boxes ticked: 同意并继续 enabled, no hint.
export default async ({ comp, sleep }) => {
  comp.querySelector('.agree--policy').dispatchEvent('tap');
  comp.querySelector('.agree--cross-border').dispatchEvent('tap');
  await sleep(50);
};
