import type * as http from 'node:http';
import { functions as manifest } from '../../cloudfunctions/manifest';
import { createHost, listen, type FunctionModule, type HostOptions } from '../../local/host/server';

export interface RunningHost {
  base: string;
  server: http.Server;
  logs: string[];
  close(): Promise<void>;
}

/** The real cloud functions (compiled from source by ts-jest) behind the local host, on a free port. */
export async function startHost(extra: Partial<HostOptions> = {}): Promise<RunningHost> {
  const functions: Record<string, FunctionModule> = {
    api: await import('../../cloudfunctions/api/index'),
    admin: await import('../../cloudfunctions/admin/index'),
    payNotify: await import('../../cloudfunctions/payNotify/index'),
    cron: await import('../../cloudfunctions/cron/index'),
  };
  const logs: string[] = [];
  const server = createHost({ functions, manifest, log: (l) => logs.push(l), ...extra });
  const base = await listen(server, 0);
  return { base, server, logs, close: () => new Promise((r) => server.close(() => r())) };
}

export async function callFunction(base: string, name: string, body: unknown, openid?: string): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}/fn/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-wx-openid': openid } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}
