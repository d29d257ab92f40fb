import type { z } from 'zod';
import type { ActionContract, ContractMap, InputOf, OutputOf } from '../contracts/action';
import { ActionRequest, type Envelope } from '../contracts/envelope';
import { ERROR_MESSAGES, type ErrorCode } from '../contracts/errors';
import { isAdmin } from '../platform/admins';
import type { Caller } from '../platform/context';
import type { Deps } from './deps';
import { errorBodyOf, isAppError } from '../platform/errors';

export interface HandlerContext {
  caller: Caller;
  deps: Deps;
}

export type Handler<C extends ActionContract> = (input: InputOf<C>, ctx: HandlerContext) => Promise<OutputOf<C>>;
export type Handlers<M extends ContractMap> = { [K in keyof M]: Handler<M[K]> };

export interface CallableSpec<M extends ContractMap> {
  /** The function's name, for logs. */
  name: string;
  contracts: M;
  handlers: Handlers<M>;
  /** Every action requires the caller to be a merchant. */
  adminOnly: boolean;
}

function fail(code: ErrorCode, details?: unknown, message: string = ERROR_MESSAGES[code]): Envelope<never> {
  return details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
}

/** The first problem, said in a sentence a person can act on (zod's messages are Chinese: contracts/locale). */
export function firstIssueMessage(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return ERROR_MESSAGES.INVALID_INPUT;
  const field = issue.path.map(String).join('.');
  return field ? `${ERROR_MESSAGES.INVALID_INPUT}（${field}：${issue.message}）` : `${ERROR_MESSAGES.INVALID_INPUT}（${issue.message}）`;
}

export function issuesOf(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/**
 * Routes `{ action, payload }` to its handler and always answers with the envelope: the payload is
 * parsed by the action's schema, the caller comes from the platform (`openid` in the payload means
 * nothing), admin rights are checked on every call, and no exception or stack trace escapes.
 */
export async function dispatch<M extends ContractMap>(
  spec: CallableSpec<M>,
  event: unknown,
  openid: string | undefined,
  deps: Deps,
): Promise<Envelope<unknown>> {
  let action = '?';
  // The host (or CloudBase) logs each invocation with its duration; here only what goes wrong.
  try {
    const request = ActionRequest.safeParse(event);
    if (!request.success) {
      return fail('INVALID_INPUT', issuesOf(request.error), '请求格式不正确，请更新小程序后再试');
    }
    action = request.data.action;
    if (!openid) return fail('UNAUTHENTICATED');

    let admin: Promise<boolean> | undefined;
    const checkAdmin = () => (admin ??= isAdmin(deps.db, deps.config, openid));
    if (spec.adminOnly && !(await checkAdmin())) return fail('FORBIDDEN', undefined, '仅商家管理员可以使用这个功能');

    if (!Object.prototype.hasOwnProperty.call(spec.contracts, action)) {
      return fail('UNKNOWN_ACTION', { action });
    }
    const contract = spec.contracts[action]!;
    const input = contract.input.safeParse(request.data.payload ?? {});
    if (!input.success) {
      return fail('INVALID_INPUT', issuesOf(input.error), firstIssueMessage(input.error));
    }

    const handler = spec.handlers[action]!;
    const data: unknown = await handler(input.data as never, { caller: { openid, isAdmin: checkAdmin }, deps });
    const output = contract.output.safeParse(data);
    if (!output.success) {
      // A server bug, not the caller's: say nothing about the data, log where it happened.
      deps.log.error('output_contract_violation', { fn: spec.name, action, issues: output.error.issues.length });
      return fail('INTERNAL');
    }
    return { ok: true, data: output.data };
  } catch (error) {
    if (!isAppError(error)) {
      deps.log.error('unhandled_error', {
        fn: spec.name,
        action,
        error: error instanceof Error ? error.name : typeof error,
        message: error instanceof Error ? error.message.slice(0, 200) : undefined,
      });
    }
    return { ok: false, error: errorBodyOf(error) };
  }
}
