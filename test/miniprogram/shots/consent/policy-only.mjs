// Only the policy ticked: the hint says overseas models stay closed.
export default async ({ comp, sleep }) => {
  comp.querySelector('.agree--policy').dispatchEvent('tap');
  await sleep(50);
};
