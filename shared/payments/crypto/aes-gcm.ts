import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AEAD_AES_256_GCM as WeChat Pay uses it for notification resources and sensitive fields: the key is
 * the 32 ASCII bytes of the APIv3 key used raw, the IV the 12-character nonce, the AAD the
 * `associated_data` string (possibly empty, still set), and the base64 ciphertext ends with a 16-byte tag.
 */
export class DecryptionError extends Error {}

function keyOf(apiV3Key: string): Buffer {
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== 32) throw new DecryptionError('the APIv3 key must be 32 bytes');
  return key;
}

export function decryptAesGcm(apiV3Key: string, nonce: string, associatedData: string, ciphertextB64: string): string {
  const data = Buffer.from(ciphertextB64, 'base64');
  if (data.length < 17) throw new DecryptionError('ciphertext too short');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(apiV3Key), Buffer.from(nonce, 'utf8'));
    decipher.setAAD(Buffer.from(associatedData ?? '', 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
  } catch (error) {
    if (error instanceof DecryptionError) throw error;
    throw new DecryptionError('authentication failed: wrong key, nonce, associated data or tampered ciphertext');
  }
}

/** The inverse, for the local sandbox and tests. */
export function encryptAesGcm(
  apiV3Key: string,
  plaintext: string,
  associatedData: string,
  nonce = randomBytes(6).toString('hex'),
): { nonce: string; ciphertext: string; associated_data: string } {
  const cipher = createCipheriv('aes-256-gcm', keyOf(apiV3Key), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { nonce, ciphertext: body.toString('base64'), associated_data: associatedData };
}
