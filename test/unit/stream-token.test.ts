/** The stream token that stands for the caller's openid at the HTTP function `chat`. */
import * as crypto from 'node:crypto';
import { loadConfig, ConfigError } from '../../shared/platform/config';
import {
  bearerToken,
  issueStreamToken,
  signStreamToken,
  STREAM_TOKEN_TTL_SECONDS,
  verifyStreamToken,
} from '../../shared/platform/stream-token';
import { ManualClock } from '../../shared/platform/clock';

jest.mock('node:crypto', () => {
  const actual = jest.requireActual<typeof crypto>('node:crypto');
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

const secret = 'k'.repeat(64);
const now = new Date(Date.UTC(2026, 10, 22, 12));
const inAnHour = new Date(now.getTime() + 3600_000);

describe('stream token', () => {
  it('verifies for its openid until it expires', () => {
    const token = signStreamToken(secret, 'oAlice-123_x', inAnHour);
    expect(verifyStreamToken(secret, token, now)).toEqual({ ok: true, openid: 'oAlice-123_x' });
    expect(verifyStreamToken(secret, token, new Date(inAnHour.getTime() - 1000))).toMatchObject({ ok: true });
    expect(verifyStreamToken(secret, token, inAnHour)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses no token, garbage, another key, and a token whose openid or expiry was changed', () => {
    const token = signStreamToken(secret, 'alice', inAnHour);
    const [v, , exp, mac] = token.split('.');
    const bob = Buffer.from('bob').toString('base64url');
    expect(verifyStreamToken(secret, undefined, now)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyStreamToken(secret, '', now)).toEqual({ ok: false, reason: 'missing' });
    for (const bad of ['x', 'v1.a.b.c', 'v2.YQ.1.YQ', `${token}.x`, `v1..${exp}.${mac}`, 'v1.YQ.99999999999999.YQ'])
      expect(verifyStreamToken(secret, bad, now)).toMatchObject({ ok: false });
    expect(verifyStreamToken('z'.repeat(64), token, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyStreamToken(secret, [v, bob, exp, mac].join('.'), now)).toEqual({ ok: false, reason: 'forged' });
    expect(
      verifyStreamToken(secret, [v, Buffer.from('alice').toString('base64url'), String(Number(exp) + 86400), mac].join('.'), now),
    ).toEqual({
      ok: false,
      reason: 'forged',
    });
    expect(verifyStreamToken(secret, [v, Buffer.from('alice').toString('base64url'), exp, `${mac}A`].join('.'), now)).toEqual({
      ok: false,
      reason: 'forged',
    });
  });

  it('compares MACs in constant time', () => {
    const spy = crypto.timingSafeEqual as unknown as jest.Mock;
    spy.mockClear();
    const token = signStreamToken(secret, 'alice', inAnHour);
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    verifyStreamToken(secret, token, now);
    verifyStreamToken(secret, forged, now);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('is issued by session.get for at most two hours, and only when a secret is configured', () => {
    const clock = new ManualClock(now);
    const deps = { config: { ...loadConfig({}), streamTokenSecret: secret }, clock } as never;
    const issued = issueStreamToken(deps, 'alice')!;
    expect(STREAM_TOKEN_TTL_SECONDS).toBeLessThanOrEqual(2 * 3600);
    expect(new Date(issued.streamTokenExpiresAt).getTime() - now.getTime()).toBe(STREAM_TOKEN_TTL_SECONDS * 1000);
    expect(verifyStreamToken(secret, issued.streamToken, now)).toEqual({ ok: true, openid: 'alice' });
    expect(issueStreamToken({ config: loadConfig({}), clock } as never, 'alice')).toBeUndefined();
  });

  it('reads only a Bearer authorization header', () => {
    expect(bearerToken({ authorization: 'Bearer abc.def' })).toBe('abc.def');
    expect(bearerToken({ authorization: 'bearer   abc ' })).toBe('abc');
    expect(bearerToken({ authorization: 'Basic abc' })).toBeUndefined();
    expect(bearerToken({ 'x-wx-openid': 'alice' })).toBeUndefined();
  });

  it('STREAM_TOKEN_SECRET must be long enough to be a key', () => {
    expect(() => loadConfig({ STREAM_TOKEN_SECRET: 'short' })).toThrow(ConfigError);
    expect(loadConfig({ STREAM_TOKEN_SECRET: secret }).streamTokenSecret).toBe(secret);
    expect(loadConfig({}).streamTokenSecret).toBeUndefined();
  });
});
