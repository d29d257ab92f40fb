/**
 * `npm start`: the local cloud. Serves the built functions (run `npm run build` first; `npm start`
 * does) on http://127.0.0.1:8787 with the embedded database in .data/ and the WeChat Pay sandbox.
 * Development only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { functions as manifest } from '../cloudfunctions/manifest';
import { loadConfig } from '../shared/platform/config';
import type { FunctionModule } from './host/server';
import { startLocalStack } from './stack';

const root = path.resolve(__dirname, '..');

async function loadBuilt(name: string): Promise<FunctionModule> {
  const file = path.join(root, 'cloudfunctions', name, 'index.js');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run 'npm run build'`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as FunctionModule;
}

async function main(): Promise<void> {
  loadConfig(process.env); // fail now, naming the setting, rather than inside the first request
  const dataDir = path.resolve(process.env.QIAO_DATA_DIR ?? path.join(root, '.data'));
  const stack = await startLocalStack({ dataDir, port: Number(process.env.PORT ?? 8787), load: loadBuilt });
  const base = stack.base;
  console.log(`Qiao local cloud on ${base}  (data: ${path.relative(process.cwd(), dataDir) || dataDir})`);
  for (const fn of manifest) {
    const where =
      fn.trigger === 'callable'
        ? `POST ${base}/fn/${fn.name}`
        : fn.runtime === 'functions-framework'
          ? `ANY  ${base}/http/${fn.name}/…  (HTTP cloud function${fn.name === 'chat' ? `; POST ${base}/http/chat/send streams a chat` : ''})`
          : fn.trigger === 'http'
            ? `ANY  ${base}/http/${fn.name}`
            : `POST ${base}/timer/${fn.name}`;
    console.log(`  ${fn.name.padEnd(14)} ${where}`);
  }
  console.log(`  ${'health'.padEnd(14)} GET  ${base}/health`);
  console.log(
    stack.usingSandbox
      ? `  ${'WeChat Pay'.padEnd(14)} sandbox at ${base}/sandbox/wechatpay (${process.env.WECHATPAY_CHANNEL}); pay with POST ${base}/sandbox/wechatpay/confirm`
      : `  ${'WeChat Pay'.padEnd(14)} ${process.env.WECHATPAY_CHANNEL ?? 'v3'} at ${process.env.WECHATPAY_API_BASE ?? 'https://api.mch.weixin.qq.com'}`,
  );
  console.log(
    stack.usingFakeModel
      ? `  ${'Models'.padEnd(14)} fake model at ${base}/sandbox/llm/v1 (answers quote what they received; GET ${base}/sandbox/llm/requests)`
      : `  ${'Models'.padEnd(14)} ${process.env.LLM_BASE_URL ?? 'https://api.openai.com/v1'}${process.env.ANTHROPIC_API_KEY ? ' + Anthropic' : ''}`,
  );
  console.log(
    stack.generatedStreamSecret
      ? `  ${'Stream tokens'.padEnd(14)} STREAM_TOKEN_SECRET generated (kept in ${path.relative(process.cwd(), dataDir) || dataDir}/stream-token-secret)`
      : `  ${'Stream tokens'.padEnd(14)} STREAM_TOKEN_SECRET from the environment`,
  );
  // Timer triggers run on their own, as in the cloud (QIAO_TIMERS=off to trigger them by hand only).
  if (process.env.QIAO_TIMERS !== 'off') {
    for (const fn of manifest.filter((m) => m.trigger === 'timer')) {
      setInterval(() => void fetch(`${base}/timer/${fn.name}`, { method: 'POST' }).catch(() => undefined), 60_000).unref();
    }
    console.log(`  ${'Timers'.padEnd(14)} every minute (QIAO_TIMERS=off to disable)`);
  }
  const stop = () => stack.server.close(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
