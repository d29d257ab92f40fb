/**
 * The dependency rules (.dependency-cruiser.cjs) fail on each kind of violation, and pass a clean tree:
 * run on small throwaway trees, so a rule that silently stopped matching would be noticed here.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '../..');
const depcruise = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

function cruise(files: Record<string, string>): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-layers-'));
  try {
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }));
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    const roots = [...new Set(Object.keys(files).map((f) => f.split('/')[0]!))];
    const run = spawnSync(process.execPath, [depcruise, ...roots, '--config', path.join(root, '.dependency-cruiser.cjs')], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const clean: Record<string, string> = {
  'shared/money/amount.ts': 'export const ONE = 1;\n',
  'shared/contracts/errors.ts': "import { ONE } from '../money/amount';\nexport const X = ONE;\n",
  'shared/platform/clock.ts': "import { X } from '../contracts/errors';\nexport const now = () => X;\n",
  'shared/wallet/ops.ts': "import { now } from '../platform/clock';\nexport const w = now;\n",
  'shared/payments/pay.ts': "import { w } from '../wallet/ops';\nexport const p = w;\n",
  'shared/privacy/scan.ts': "import { ONE } from '../money/amount';\nexport const s = ONE;\n",
  'shared/app/deps.ts': "import { p } from '../payments/pay';\nimport { s } from '../privacy/scan';\nexport const d = [p, s];\n",
  'cloudfunctions/api/index.ts': "import { d } from '../../shared/app/deps';\nexport const main = d;\n",
  'miniprogram/pages/a/index.ts': "import { b } from '../../utils/b';\nexport const a = b;\n",
  'miniprogram/utils/b.ts': 'export const b = 1;\n',
};

describe('dependency rules', () => {
  it('pass a tree that keeps the layers', () => {
    const { status, output } = cruise(clean);
    expect(output).toContain('no dependency violations');
    expect(status).toBe(0);
  }, 30_000);

  const violations: Array<[string, Record<string, string>]> = [
    ['layer-platform', { 'shared/platform/up.ts': "import { p } from '../payments/pay';\nexport const u = p;\n" }],
    ['layer-privacy', { 'shared/privacy/up.ts': "import { now } from '../platform/clock';\nexport const u = now;\n" }],
    ['layer-wallet', { 'shared/wallet/up.ts': "import { p } from '../payments/pay';\nexport const u = p;\n" }],
    ['pure-core-no-node', { 'shared/privacy/hash.ts': "import { createHash } from 'node:crypto';\nexport const h = createHash;\n" }],
    [
      'no-circular',
      {
        'shared/wallet/x.ts': "import { y } from './y';\nexport const x = () => y;\n",
        'shared/wallet/y.ts': "import { x } from './x';\nexport const y = () => x;\n",
      },
    ],
    [
      'shared-stays-below',
      { 'shared/chat/host.ts': "import { l } from '../../local/l';\nexport const h = l;\n", 'local/l.ts': 'export const l = 1;\n' },
    ],
    [
      'miniprogram-self-contained',
      { 'miniprogram/pages/b/index.ts': "import { ONE } from '../../../shared/money/amount';\nexport const b = ONE;\n" },
    ],
    [
      'function-folders-apart',
      {
        'cloudfunctions/admin/index.ts': "import { main } from '../api/index';\nexport const m = main;\n",
      },
    ],
  ];
  it.each(violations)(
    'fail on %s',
    (rule, extra) => {
      const { status, output } = cruise({ ...clean, ...extra });
      expect(output).toContain(rule);
      expect(status).not.toBe(0);
    },
    30_000,
  );
});
