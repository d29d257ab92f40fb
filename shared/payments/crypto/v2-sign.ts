import { createCipheriv, createDecipheriv, createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * WeChat Pay API v2 signatures: every parameter except `sign` and empty values (`sign_type` is
 * signed when present), names sorted by ASCII, `k=v` joined by `&` with raw values, `&key=<APIv2 key>`
 * appended; MD5 → 32 upper-case hex, or HMAC-SHA256 keyed with the APIv2 key → 64 (安全规范).
 */
export type V2SignType = 'MD5' | 'HMAC-SHA256';

export function v2SignString(params: Record<string, unknown>, key: string): string {
  const pairs = Object.keys(params)
    .filter((k) => k !== 'sign' && params[k] !== undefined && params[k] !== null && String(params[k]) !== '')
    .sort()
    .map((k) => `${k}=${String(params[k])}`);
  return `${pairs.join('&')}&key=${key}`;
}

export function v2Sign(params: Record<string, unknown>, key: string, type: V2SignType): string {
  const text = v2SignString(params, key);
  const digest =
    type === 'MD5' ? createHash('md5').update(text, 'utf8').digest('hex') : createHmac('sha256', key).update(text, 'utf8').digest('hex');
  return digest.toUpperCase();
}

/** The algorithm of a notification: its `sign_type` when present, else the sign's length. */
export function v2SignTypeOf(params: Record<string, unknown>): V2SignType | null {
  const declared = params.sign_type;
  if (declared === 'MD5' || declared === 'HMAC-SHA256') return declared;
  if (declared !== undefined && declared !== '') return null;
  const sign = String(params.sign ?? '');
  return sign.length === 32 ? 'MD5' : sign.length === 64 ? 'HMAC-SHA256' : null;
}

/** Verifies in constant time; unknown extra fields are signed over like any other. */
export function v2Verify(params: Record<string, unknown>, key: string): boolean {
  const type = v2SignTypeOf(params);
  const given = String(params.sign ?? '');
  if (!type || !given) return false;
  const expected = Buffer.from(v2Sign(params, key, type));
  const actual = Buffer.from(given.toUpperCase());
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Refund notifications carry `req_info`: AES-256-ECB (PKCS#7) keyed by the hex md5 of the APIv2 key. */
function refundKey(v2Key: string): Buffer {
  return Buffer.from(createHash('md5').update(v2Key, 'utf8').digest('hex').toLowerCase(), 'utf8');
}

export function decryptV2RefundInfo(reqInfoB64: string, v2Key: string): string {
  const decipher = createDecipheriv('aes-256-ecb', refundKey(v2Key), null);
  return Buffer.concat([decipher.update(Buffer.from(reqInfoB64, 'base64')), decipher.final()]).toString('utf8');
}

export function encryptV2RefundInfo(plaintext: string, v2Key: string): string {
  const cipher = createCipheriv('aes-256-ecb', refundKey(v2Key), null);
  return Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}
