import { apiContracts, type ApiContracts, type ErrorCode, type InputOf, type OutputOf } from '../generated/shared';
import type { Transport } from './transport';

/** Every call ends in one of these: pages switch on `ok`, then on `kind` and `code`. */
export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; kind: 'error'; code: ErrorCode; message: string; details?: unknown }
  | { ok: false; kind: 'network'; message: string }
  | { ok: false; kind: 'timeout'; message: string };

export type ApiFunctions = {
  [K in keyof ApiContracts]: (payload: InputOf<ApiContracts[K]>) => Promise<ApiResult<OutputOf<ApiContracts[K]>>>;
};

const NETWORK_MESSAGE = '网络不太好，请检查网络后重试';
const TIMEOUT_MESSAGE = '请求超时了，请稍后重试';

async function invoke(
  transport: Transport,
  fn: string,
  action: string,
  payload: unknown,
  output: { safeParse(v: unknown): { success: boolean; data?: unknown } },
): Promise<ApiResult<unknown>> {
  const outcome = await transport(fn, { action, payload });
  if (outcome.kind === 'network') return { ok: false, kind: 'network', message: NETWORK_MESSAGE };
  if (outcome.kind === 'timeout') return { ok: false, kind: 'timeout', message: TIMEOUT_MESSAGE };
  const body = outcome.body as { ok?: boolean; data?: unknown; error?: { code: ErrorCode; message: string; details?: unknown } } | null;
  if (body && body.ok === true) {
    const parsed = output.safeParse(body.data);
    if (!parsed.success) return { ok: false, kind: 'error', code: 'INTERNAL', message: '服务返回了无法识别的数据' };
    return { ok: true, data: parsed.data };
  }
  if (body && body.ok === false && body.error)
    return { ok: false, kind: 'error', code: body.error.code, message: body.error.message, details: body.error.details };
  return { ok: false, kind: 'network', message: NETWORK_MESSAGE };
}

/** One typed function per action of `api`, built from the shared contracts (replies are checked too). */
export function createApi(transport: Transport): ApiFunctions {
  const fns: Record<string, (payload: unknown) => Promise<ApiResult<unknown>>> = {};
  for (const [action, contract] of Object.entries(apiContracts))
    fns[action] = (payload) => invoke(transport, 'api', action, payload ?? {}, contract.output);
  return fns as unknown as ApiFunctions;
}
