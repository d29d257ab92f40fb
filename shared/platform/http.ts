/**
 * CloudBase HTTP-trigger (HTTP 访问服务) event and result. Header names arrive in lower case; the body
 * is a string, base64-encoded when `isBase64Encoded` is true. Signatures are checked over the raw
 * bytes, so `rawBody` never re-serializes anything.
 */
export interface HttpEvent {
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  queryStringParameters: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

export interface HttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

export function rawBody(event: HttpEvent): Buffer {
  return event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64') : Buffer.from(event.body ?? '', 'utf8');
}

export function jsonResult(statusCode: number, body: unknown): HttpResult {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

export function isHttpEvent(event: unknown): event is HttpEvent {
  const e = event as Partial<HttpEvent> | null;
  return !!e && typeof e === 'object' && typeof e.httpMethod === 'string' && typeof e.headers === 'object';
}
