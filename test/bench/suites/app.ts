import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchResult } from '../measure';

/**
 * The Mini Program's main package size as DevTools packs it (miniprogram/ minus what project.config
 * ignores: TypeScript is compiled to JS of similar size, so .ts sizes stand in for their .js). WeChat's
 * limit for the main package is 2 MB.
 */
export async function appSizeBenchmarks(): Promise<BenchResult[]> {
  const root = path.resolve(__dirname, '../../../miniprogram');
  let bytes = 0;
  let files = 0;
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.endsWith('.d.ts') && !entry.name.endsWith('.md') && entry.name !== 'tsconfig.json') {
        bytes += fs.statSync(full).size;
        files += 1;
      }
    }
  };
  walk(root);
  const kib = bytes / 1024;
  return [
    {
      name: 'app: main package size',
      iterations: files,
      medianMs: 0,
      p99Ms: 0,
      opsPerSec: 0,
      note: `${kib.toFixed(0)} KiB in ${files} files (limit 2,048 KiB); the generated shared bundle is ${(fs.statSync(path.join(root, 'generated/shared.js')).size / 1024).toFixed(0)} KiB of it`,
    },
  ];
}
