// mpshot has no backend: the page's own load fails after --data is applied. This hook lets that
// failure land, then sets the state named by SHOT_STATE (a JSON file beside this one).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default async ({ comp, setData, sleep }) => {
  await sleep(300);
  const name = process.env.SHOT_STATE || 'ready';
  setData(JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), `${name}.json`), 'utf8')));
  if (process.env.SHOT_POPUP) comp.querySelector('#privacy-popup').instance.openPrivacyPopup();
  await sleep(50);
};
