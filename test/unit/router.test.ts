import { z } from 'zod';
import { action } from '../../shared/contracts/action';
import { AppError } from '../../shared/platform/errors';
import { dispatch, type CallableSpec } from '../../shared/app/router';
import { localCloud, testDeps } from '../support/cloud';

const { db } = localCloud();
const deps = testDeps(db, { config: { adminOpenids: ['boss'] } });

const contracts = {
  'echo.sum': action(z.object({ a: z.number().int(), b: z.number().int() }), z.object({ sum: z.number().int() })),
  'echo.whoami': action(z.object({}), z.object({ openid: z.string() })),
  'echo.fails': action(z.object({}), z.object({})),
  'echo.crashes': action(z.object({}), z.object({})),
  'echo.lies': action(z.object({}), z.object({ n: z.number() })),
};
const spec: CallableSpec<typeof contracts> = {
  name: 'test',
  adminOnly: false,
  contracts,
  handlers: {
    'echo.sum': async ({ a, b }) => ({ sum: a + b }),
    'echo.whoami': async (_i, { caller }) => ({ openid: caller.openid }),
    'echo.fails': async () => {
      throw new AppError('INSUFFICIENT_BALANCE', '余额不足');
    },
    'echo.crashes': async () => {
      throw new Error('db password is hunter2');
    },
    'echo.lies': async () => ({ n: 'not a number' }) as unknown as { n: number },
  },
};

describe('dispatch', () => {
  it('routes a valid action to its handler', async () => {
    expect(await dispatch(spec, { action: 'echo.sum', payload: { a: 2, b: 3 } }, 'u', deps)).toEqual({ ok: true, data: { sum: 5 } });
  });

  it('answers UNKNOWN_ACTION for an action that does not exist', async () => {
    expect(await dispatch(spec, { action: 'echo.nope' }, 'u', deps)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    expect(await dispatch(spec, { action: 'toString' }, 'u', deps)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
  });

  it('answers INVALID_INPUT with the zod issues as details', async () => {
    const res = await dispatch(spec, { action: 'echo.sum', payload: { a: 1.5, b: 'x' } }, 'u', deps);
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const details = (res as { error: { details: Array<{ path: string }> } }).error.details;
    expect(details.map((d) => d.path).sort()).toEqual(['a', 'b']);
  });

  it('answers INVALID_INPUT for a request that is not { action, payload }', async () => {
    for (const bad of [null, 'x', 42, {}, { action: '' }, { action: 7 }]) {
      expect(await dispatch(spec, bad, 'u', deps)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('takes identity from the platform, never from the payload', async () => {
    expect(await dispatch(spec, { action: 'echo.whoami', payload: { openid: 'mallory' } }, 'alice', deps)).toEqual({
      ok: true,
      data: { openid: 'alice' },
    });
  });

  it('answers UNAUTHENTICATED without a platform identity', async () => {
    expect(await dispatch(spec, { action: 'echo.whoami' }, undefined, deps)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });

  it('turns an AppError into its code and message', async () => {
    expect(await dispatch(spec, { action: 'echo.fails' }, 'u', deps)).toEqual({
      ok: false,
      error: { code: 'INSUFFICIENT_BALANCE', message: '余额不足' },
    });
  });

  it('turns any other error into INTERNAL without its message or stack', async () => {
    const res = await dispatch(spec, { action: 'echo.crashes' }, 'u', deps);
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(res)).not.toMatch(/hunter2|at /);
  });

  it('refuses to send an answer that breaks its own contract', async () => {
    expect(await dispatch(spec, { action: 'echo.lies' }, 'u', deps)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(deps.logs.some((r) => r.event === 'output_contract_violation')).toBe(true);
  });

  it('lets only merchants call an admin-only function, before revealing which actions exist', async () => {
    const admin = { ...spec, adminOnly: true };
    expect(await dispatch(admin, { action: 'echo.nope' }, 'u', deps)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatch(admin, { action: 'echo.sum', payload: { a: 1, b: 1 } }, 'boss', deps)).toEqual({ ok: true, data: { sum: 2 } });
  });
});
