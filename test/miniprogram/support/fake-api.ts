import { useTransport } from '../../../miniprogram/api/index';
import type { TransportOutcome } from '../../../miniprogram/api/transport';

type Reply = TransportOutcome | ((payload: any) => TransportOutcome | Promise<TransportOutcome>);

/** Answers app calls by action, as the functions would; records every call. */
export function fakeApi(replies: Record<string, Reply>) {
  const calls: Array<{ fn: string; action: string; payload: unknown }> = [];
  useTransport(async (fn, data) => {
    calls.push({ fn, action: data.action, payload: data.payload });
    const r = replies[data.action];
    if (!r) return { kind: 'reply', body: { ok: false, error: { code: 'UNKNOWN_ACTION', message: `no fake for ${data.action}` } } };
    return typeof r === 'function' ? r(data.payload) : r;
  });
  return calls;
}

export const ok = (data: unknown): TransportOutcome => ({ kind: 'reply', body: { ok: true, data } });
export const err = (code: string, message = code, details?: unknown): TransportOutcome => ({
  kind: 'reply',
  body: { ok: false, error: { code, message, details } },
});
export const flush = () => new Promise((r) => setTimeout(r, 0));
export async function settle(times = 5): Promise<void> {
  for (let i = 0; i < times; i++) await flush();
}
