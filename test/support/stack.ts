import type { FunctionModule } from '../../local/host/server';
import { startLocalStack, type LocalStack } from '../../local/stack';

/** The full local cloud (database, functions from source, WeChat Pay sandbox) on a free port, in memory. */
export async function startStack(options: { channel?: 'v3' | 'v2' | 'cloudpay'; env?: Record<string, string> } = {}): Promise<LocalStack> {
  Object.assign(process.env, options.env ?? {});
  return startLocalStack({
    channel: options.channel,
    log: () => undefined,
    load: async (name) => (await import(`../../cloudfunctions/${name}/index`)) as FunctionModule,
  });
}

export async function call<T = unknown>(stack: LocalStack, fn: string, openid: string, action: string, payload?: unknown): Promise<T> {
  const res = await fetch(`${stack.base}/fn/${fn}`, {
    method: 'POST',
    headers: { 'x-wx-openid': openid },
    body: JSON.stringify({ action, payload }),
  });
  return (await res.json()) as T;
}

export async function ok<T>(stack: LocalStack, fn: string, openid: string, action: string, payload?: unknown): Promise<T> {
  const res = await call<{ ok: boolean; data: T; error?: unknown }>(stack, fn, openid, action, payload);
  if (!res.ok) throw new Error(`${fn}.${action} failed: ${JSON.stringify(res.error)}`);
  return res.data;
}

export async function confirmPayment(
  stack: LocalStack,
  outTradeNo: string,
  duplicates = 1,
  outcome: 'SUCCESS' | 'CANCEL' = 'SUCCESS',
): Promise<void> {
  await fetch(`${stack.base}/sandbox/wechatpay/confirm`, { method: 'POST', body: JSON.stringify({ outTradeNo, outcome, duplicates }) });
  await stack.sandbox.settle();
}
