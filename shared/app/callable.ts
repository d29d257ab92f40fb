import type { ContractMap } from '../contracts/action';
import type { Envelope } from '../contracts/envelope';
import { ConfigError } from '../platform/config';
import { errorBodyOf } from '../platform/errors';
import type { Deps } from './deps';
import { dispatch, type CallableSpec } from './router';

/**
 * The entry of a callable cloud function (`api`, `admin`): wiring, identity and routing in one
 * place, so each function's index.ts stays a three-line adapter.
 */
export function callableMain<M extends ContractMap>(
  spec: CallableSpec<M>,
  deps: Deps | ConfigError,
  openid: () => string | undefined,
): (event: unknown) => Promise<Envelope<unknown>> {
  return async (event) => {
    if (deps instanceof ConfigError) {
      return { ok: false, error: errorBodyOf(deps) };
    }
    return dispatch(spec, event, openid(), deps);
  };
}
