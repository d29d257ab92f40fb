import type { z } from 'zod';
import type { ActionContract, ContractMap, InputOf, OutputOf } from '../contracts/action';
import { ActionRequest, type Envelope } from '../contracts/envelope';
import type { ErrorCode } from '../contracts/errors';
import { isAdmin } from '../platform/admins';
import type { Caller } from '../platform/context';
import type { Deps } from './deps';
import { isAppError } from '../platform/errors';

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

function fail(code: ErrorCode, message: string, details?: unknown): Envelope<never> {
  return details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
}

function issuesOf(error: z.ZodError): Array<{ path: string; message: string }> {
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
      return fail('INVALID_INPUT', 'the request must be { action: string, payload?: object }', issuesOf(request.error));
    }
    action = request.data.action;
    if (!openid) return fail('UNAUTHENTICATED', 'no caller identity: call this function from the Mini Program');

    let admin: Promise<boolean> | undefined;
    const checkAdmin = () => (admin ??= isAdmin(deps.db, deps.config, openid));
    if (spec.adminOnly && !(await checkAdmin())) return fail('FORBIDDEN', 'this action is for merchants only');

    if (!Object.prototype.hasOwnProperty.call(spec.contracts, action)) {
      return fail('UNKNOWN_ACTION', `unknown action "${action}"`);
    }
    const contract = spec.contracts[action]!;
    const input = contract.input.safeParse(request.data.payload ?? {});
    if (!input.success) {
      return fail('INVALID_INPUT', `invalid payload for "${action}"`, issuesOf(input.error));
    }

    const handler = spec.handlers[action]!;
    const data: unknown = await handler(input.data as never, { caller: { openid, isAdmin: checkAdmin }, deps });
    const output = contract.output.safeParse(data);
    if (!output.success) {
      // A server bug, not the caller's: say nothing about the data, log where it happened.
      deps.log.error('output_contract_violation', { fn: spec.name, action, issues: output.error.issues.length });
      return fail('INTERNAL', 'the server produced an invalid answer');
    }
    return { ok: true, data: output.data };
  } catch (error) {
    if (isAppError(error)) return fail(error.code, error.message, error.details);
    deps.log.error('unhandled_error', {
      fn: spec.name,
      action,
      error: error instanceof Error ? error.name : typeof error,
      message: error instanceof Error ? error.message.slice(0, 200) : undefined,
    });
    return fail('INTERNAL', 'something went wrong on our side; please try again');
  }
}
