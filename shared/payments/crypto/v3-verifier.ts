import type { KeyObject } from 'node:crypto';
import { responseMessage, verifySha256Rsa } from './v3-signature';

/**
 * Verifies a WeChat Pay signed message (an API response or a notification) the way 签名验证 says:
 * the four `Wechatpay-*` headers, a timestamp within 300 s of our clock, the key named by
 * `Wechatpay-Serial` (a platform-certificate serial or a `PUB_KEY_ID_…`, both accepted at once for
 * the migration week), SHA256withRSA over `TIMESTAMP\nNONCE\nRAW_BODY\n`. Probes whose signature
 * starts with `WECHATPAY/SIGNTEST/` must fail.
 */
export const MAX_CLOCK_SKEW_SECONDS = 300;

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyWechatpaySignature(
  headers: Record<string, string | undefined>,
  rawBody: Buffer,
  now: Date,
  verifiers: Map<string, KeyObject>,
): SignatureCheck {
  const timestamp = headers['wechatpay-timestamp'];
  const nonce = headers['wechatpay-nonce'];
  const signature = headers['wechatpay-signature'];
  const serial = headers['wechatpay-serial'];
  const type = headers['wechatpay-signature-type'];
  if (!timestamp || !nonce || !signature || !serial) return { ok: false, reason: 'missing Wechatpay-* signature headers' };
  if (signature.startsWith('WECHATPAY/SIGNTEST/')) return { ok: false, reason: 'signature probe (WECHATPAY/SIGNTEST)' };
  if (type !== undefined && type !== 'WECHATPAY2-SHA256-RSA2048') return { ok: false, reason: `unsupported signature type ${type}` };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed timestamp' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) >= MAX_CLOCK_SKEW_SECONDS)
    return { ok: false, reason: 'timestamp outside the 300 s window' };
  const key = verifiers.get(serial) ?? verifiers.get(serial.toUpperCase());
  if (!key) return { ok: false, reason: 'unknown Wechatpay-Serial' };
  if (!verifySha256Rsa(responseMessage(timestamp, nonce, rawBody), signature, key)) return { ok: false, reason: 'bad signature' };
  return { ok: true };
}
