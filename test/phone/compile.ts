/**
 * The app as DevTools' TypeScript compiler plugin would hand it to the phone: each
 * miniprogram/**\/*.ts compiled on its own (esbuild's transform, not a bundle) to CommonJS ES2018,
 * next to the package's own .js (the generated bundles). A stand-in until WeChat's own compiled output
 * (miniprogram-ci's getCompiledResult) is available: the phone harness takes any folder of JavaScript
 * laid out like miniprogram/ (the .json and .wxml it reads from miniprogram/ itself).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformSync } from 'esbuild';

const SOURCE = path.resolve(__dirname, '../../miniprogram');

/** Compiles miniprogram/ into a new temporary folder and returns its path. */
export function compileMiniprogram(source = SOURCE): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'qiao-phone-'));
  for (const file of walk(source)) {
    const from = path.join(source, file);
    if (file.endsWith('.d.ts')) continue;
    if (file.endsWith('.ts')) {
      const { code } = transformSync(fs.readFileSync(from, 'utf8'), {
        loader: 'ts',
        format: 'cjs',
        target: 'es2018',
        sourcefile: file,
      });
      write(path.join(out, file.replace(/\.ts$/, '.js')), code);
    } else if (file.endsWith('.js')) write(path.join(out, file), fs.readFileSync(from));
  }
  return out;
}

function* walk(dir: string, prefix = ''): Generator<string> {
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) yield* walk(dir, rel);
    else yield rel;
  }
}

function write(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}
