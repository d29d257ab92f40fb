import { createSign, createVerify, type KeyObject } from 'node:crypto';

/**
 * WeChat Pay API v3 signatures (SHA256withRSA, PKCS#1 v1.5). Requests are signed over
 * `METHOD\nPATH\nTIMESTAMP\nNONCE\nBODY\n`; responses and notifications over
 * `TIMESTAMP\nNONCE\nBODY\n`. Lines end in `\n`, never `\r\n` (签名生成 / 签名验证).
 */
export function requestMessage(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

export function responseMessage(timestamp: string, nonce: string, body: Buffer | string): Buffer {
  return Buffer.concat([
    Buffer.from(`${timestamp}\n${nonce}\n`),
    Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
    Buffer.from('\n'),
  ]);
}

export function signSha256Rsa(message: string | Buffer, privateKey: KeyObject | string): string {
  return createSign('RSA-SHA256').update(message).sign(privateKey, 'base64');
}

export function verifySha256Rsa(message: string | Buffer, signature: string, publicKey: KeyObject | string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message).verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** The `Authorization` header of a merchant request. */
export function authorizationHeader(a: { mchid: string; serial: string; nonce: string; timestamp: string; signature: string }): string {
  return `WECHATPAY2-SHA256-RSA2048 mchid="${a.mchid}",nonce_str="${a.nonce}",timestamp="${a.timestamp}",serial_no="${a.serial}",signature="${a.signature}"`;
}

/** Parses an `Authorization` header back into its fields (the sandbox verifies merchants with it). */
export function parseAuthorization(header: string | undefined): Record<string, string> | null {
  if (!header || !header.startsWith('WECHATPAY2-SHA256-RSA2048 ')) return null;
  const fields: Record<string, string> = {};
  for (const m of header.slice('WECHATPAY2-SHA256-RSA2048 '.length).matchAll(/(\w+)="([^"]*)"/g)) fields[m[1]!] = m[2]!;
  return fields;
}

/** paySign for `wx.requestPayment` (v3, signType RSA): over `APPID\nTIMESTAMP\nNONCE\nprepay_id=…\n`. */
export function miniProgramPaySign(
  appid: string,
  timestamp: string,
  nonce: string,
  prepayId: string,
  privateKey: KeyObject | string,
): string {
  return signSha256Rsa(`${appid}\n${timestamp}\n${nonce}\nprepay_id=${prepayId}\n`, privateKey);
}
