import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import * as path from 'node:path';
import cloud = require('wx-server-sdk');
import { functions as manifest } from '../cloudfunctions/manifest';
import { createHost, listen, type FunctionModule } from './host/server';
import { startLocalCloud, type LocalCloud } from './runtime';
import { sandboxCloudPay } from './sandbox/wechatpay/cloudpay';
import { loadOrCreateIdentity, sandboxEnv } from './sandbox/wechatpay/identity';
import { SANDBOX_PREFIX, WechatPaySandbox } from './sandbox/wechatpay/sandbox';
import { SandboxState } from './sandbox/wechatpay/state';
import { FakeModel, LLM_PREFIX } from './sandbox/llm';

export interface StackOptions {
  /** Persist under this folder; in memory when absent. */
  dataDir?: string;
  port?: number;
  /** Loads a function by name once the environment is set (built bundles or TypeScript sources). */
  load: (name: string) => Promise<FunctionModule>;
  /** Sandbox channel when WeChat Pay is not configured in the environment. */
  channel?: 'v3' | 'v2' | 'cloudpay';
  log?: (line: string) => void;
}

export interface LocalStack {
  base: string;
  server: http.Server;
  local: LocalCloud;
  sandbox: WechatPaySandbox;
  llm: FakeModel;
  /** Whether the fake model answers (no model provider configured in the environment). */
  usingFakeModel: boolean;
  /** Whether payments run against the sandbox (no WeChat Pay configured in the environment). */
  usingSandbox: boolean;
  /** Whether the stream-token secret was made here (none in the environment). */
  generatedStreamSecret: boolean;
  close(): Promise<void>;
}

/**
 * The whole local cloud in one process: database, function host, WeChat Pay sandbox. Without
 * WECHATPAY_MCHID in the environment the functions are configured against the sandbox (its keys are
 * generated once and kept in the data folder), so everything works offline out of the box.
 */
export async function startLocalStack(options: StackOptions): Promise<LocalStack> {
  const local = startLocalCloud({ dataDir: options.dataDir });
  const sandbox = new WechatPaySandbox(loadOrCreateIdentity(options.dataDir), SandboxState.open(options.dataDir));
  const llm = new FakeModel();
  const functions: Record<string, FunctionModule> = {};
  const server = createHost({
    functions,
    manifest,
    routes: { [SANDBOX_PREFIX]: sandbox.route, [LLM_PREFIX]: llm.route },
    log: options.log,
  });
  const base = await listen(server, options.port ?? 0);

  const usingSandbox = !process.env.WECHATPAY_MCHID && !process.env.CLOUDPAY_SUB_MCH_ID;
  const channel = options.channel ?? (process.env.WECHATPAY_CHANNEL as 'v3' | 'v2' | 'cloudpay' | undefined) ?? 'v3';
  if (usingSandbox) Object.assign(process.env, sandboxEnv(sandbox.identity, base, channel));
  const usingFakeModel = !process.env.LLM_API_KEY && !process.env.ANTHROPIC_API_KEY;
  if (usingFakeModel)
    Object.assign(process.env, {
      LLM_BASE_URL: `${base}${LLM_PREFIX}/v1`,
      LLM_API_KEY: 'sandbox',
      LLM_MODEL: process.env.LLM_MODEL ?? 'fake-gpt',
    });

  // The stream tokens' key: generated once per data folder (so tokens outlive a restart), unless configured.
  const generatedStreamSecret = !process.env.STREAM_TOKEN_SECRET;
  if (generatedStreamSecret) process.env.STREAM_TOKEN_SECRET = localStreamSecret(options.dataDir);

  // cloudPay lives inside wx-server-sdk; locally it is the sandbox, reached the same way.
  (cloud as unknown as { cloudPay: unknown }).cloudPay = sandboxCloudPay(sandbox);
  sandbox.currentOpenid = () => String((cloud.getWXContext() as { OPENID?: string }).OPENID ?? '');
  sandbox.cloudPayCallback = async (event) => {
    for (let attempt = 1; attempt <= 5; attempt++) {
      const res = await fetch(`${base}/fn/cloudPayNotify`, {
        method: 'POST',
        headers: { 'x-wx-openid': '' },
        body: JSON.stringify(event),
      }).catch(() => null);
      const reply = res ? ((await res.json().catch(() => null)) as { errcode?: number } | null) : null;
      if (reply?.errcode === 0) return attempt;
      await new Promise((r) => setTimeout(r, 15_000 * sandbox.state.settings.timeScale));
    }
    return 5;
  };

  for (const fn of manifest) functions[fn.name] = await options.load(fn.name);
  return {
    base,
    server,
    local,
    sandbox,
    llm,
    usingFakeModel,
    usingSandbox,
    generatedStreamSecret,
    close: async () => {
      await sandbox.settle();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function localStreamSecret(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(32).toString('hex');
  const file = path.join(dataDir, 'stream-token-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
