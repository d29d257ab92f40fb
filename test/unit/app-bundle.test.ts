/** miniprogram/generated/shared.js is committed (DevTools opens the project as it is): it must match its sources. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildAppBundle } from '../../scripts/build';

it('is up to date with shared/ (run `npm run build` after changing the contracts or the anonymizer)', async () => {
  const committed = fs.readFileSync(path.join(__dirname, '../../miniprogram/generated/shared.js'), 'utf8');
  expect(committed === (await buildAppBundle(false))).toBe(true);
}, 30_000);
