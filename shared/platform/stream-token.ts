import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PlatformDeps } from './context';

/**
 * The stream token: how the HTTP function `chat` knows who calls it. An HTTP function gets no
 * `getWXContext()` openid it can trust, so `session.get` (a callFunction action, where the platform
 * vouches for the openid) signs one: `v1.<openid, base64url>.<expiry, unix seconds>.<HMAC-SHA256,
 * base64url>`, keyed with STREAM_TOKEN_SECRET. The app sends it as `Authorization: Bearer …`; the
 * function believes nothing else (no header, no body field names a user).
 */
export const STREAM_TOKEN_TTL_SECONDS = 60 * 60;
const VERSION = 'v1';

const b64url = (bytes: Buffer) => bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromB64url = (text: string) => Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');

function mac(secret: string, openid: string, expiresAtSeconds: number): Buffer {
  // Length-prefixed fields: no openid can be shifted into the expiry or the version.
  return createHmac('sha256', secret).update(`${VERSION}\n${openid.length}:${openid}\n${expiresAtSeconds}`).digest();
}

export function signStreamToken(secret: string, openid: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return [VERSION, b64url(Buffer.from(openid, 'utf8')), String(exp), b64url(mac(secret, openid, exp))].join('.');
}

export type TokenCheck = { ok: true; openid: string } | { ok: false; reason: 'missing' | 'malformed' | 'forged' | 'expired' };

/** Checks signature (in constant time) and expiry. A token whose openid was swapped for another is forged. */
export function verifyStreamToken(secret: string, token: string | undefined, now: Date): TokenCheck {
  if (!token) return { ok: false, reason: 'missing' };
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION || !/^\d{1,12}$/.test(parts[2]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]! + parts[3]!))
    return { ok: false, reason: 'malformed' };
  const openid = fromB64url(parts[1]!).toString('utf8');
  const exp = Number(parts[2]);
  const given = fromB64url(parts[3]!);
  const expected = mac(secret, openid, exp);
  // timingSafeEqual needs equal lengths; the length of a MAC is no secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'forged' };
  if (!openid) return { ok: false, reason: 'malformed' };
  if (exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, openid };
}

/** The token `session.get` hands out, or nothing when STREAM_TOKEN_SECRET is not configured (the app then polls). */
export function issueStreamToken(deps: PlatformDeps, openid: string): { streamToken: string; streamTokenExpiresAt: string } | undefined {
  const secret = deps.config.streamTokenSecret;
  if (!secret) return undefined;
  const expiresAt = new Date(Math.floor(deps.clock.now().getTime() / 1000) * 1000 + STREAM_TOKEN_TTL_SECONDS * 1000);
  return { streamToken: signStreamToken(secret, openid, expiresAt), streamTokenExpiresAt: expiresAt.toISOString() };
}

/** `Authorization: Bearer <token>` (header names arrive lower-cased), or undefined. */
export function bearerToken(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers['authorization'];
  const text = Array.isArray(value) ? value[0] : value;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(text ?? '');
  return match ? match[1] : undefined;
}
