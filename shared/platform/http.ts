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

/**
 * What @cloudbase/functions-framework (the runtime of HTTP cloud functions, started by scf_bootstrap)
 * hands `exports.main(event, context)`: `event` is the parsed request body; `context.sse()` switches
 * the answer to server-sent events (null once a response was sent). The fields used here, nothing more.
 */
export interface FrameworkContext {
  eventID: string;
  httpContext: { url: string; httpMethod: string; headers: Record<string, string | string[] | undefined> };
  sse(options?: { keepalive?: boolean }): FrameworkSse | null;
}

export interface FrameworkSse {
  /** A string is written as it is; false when the client is gone. */
  send(event: string): boolean;
  end(event: string): void;
  readonly closed: boolean;
}

/** The framework's "integration response": status, headers and body (an object body is sent as JSON). */
export interface IntegrationResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}
