/**
 * `npm start`: the local cloud. Serves the built functions (run `npm run build` first; `npm start`
 * does) on http://127.0.0.1:8787 against the embedded database in .data/. Development only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { functions as manifest } from '../cloudfunctions/manifest';
import { loadConfig } from '../shared/platform/config';
import { createHost, listen, type FunctionModule } from './host/server';
import { startLocalCloud } from './runtime';

const root = path.resolve(__dirname, '..');

function loadBuiltFunctions(): Record<string, FunctionModule> {
  const modules: Record<string, FunctionModule> = {};
  for (const fn of manifest) {
    const file = path.join(root, 'cloudfunctions', fn.name, 'index.js');
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run 'npm run build'`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    modules[fn.name] = require(file) as FunctionModule;
  }
  return modules;
}

async function main(): Promise<void> {
  loadConfig(process.env); // fail now, naming the setting, rather than inside the first request
  const dataDir = path.resolve(process.env.QIAO_DATA_DIR ?? path.join(root, '.data'));
  startLocalCloud({ dataDir });
  const server = createHost({ functions: loadBuiltFunctions(), manifest });
  const port = Number(process.env.PORT ?? 8787);
  const base = await listen(server, port);
  console.log(`Qiao local cloud on ${base}  (data: ${path.relative(process.cwd(), dataDir) || dataDir})`);
  for (const fn of manifest) {
    const where = fn.trigger === 'callable' ? `POST ${base}/fn/${fn.name}` : fn.trigger === 'http' ? `ANY  ${base}/http/${fn.name}` : `POST ${base}/timer/${fn.name}`;
    console.log(`  ${fn.name.padEnd(10)} ${where}`);
  }
  console.log(`  health     GET  ${base}/health`);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
