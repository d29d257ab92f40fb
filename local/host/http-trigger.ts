import type * as http from 'node:http';
import type { HttpEvent, HttpResult } from '../../shared/platform/http';

/**
 * Builds the event CloudBase's HTTP access service hands a function: lower-case header names, the
 * query as an object, and the body as base64 so that its bytes reach the function unchanged (WeChat
 * Pay signatures cover the exact bytes).
 */
export function httpTriggerEvent(req: http.IncomingMessage, url: URL, body: Buffer): HttpEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const [k, v] of url.searchParams) queryStringParameters[k] = v;
  return {
    path: url.pathname.replace(/^\/http/, '') || '/',
    httpMethod: req.method ?? 'GET',
    headers,
    queryStringParameters,
    body: body.toString('base64'),
    isBase64Encoded: true,
  };
}

/** Maps a function's `{ statusCode, headers, body, isBase64Encoded }` back to HTTP; returns the status. */
export function sendHttpResult(res: http.ServerResponse, result: unknown): number {
  const r = (result ?? {}) as Partial<HttpResult>;
  const status = Number.isInteger(r.statusCode) ? (r.statusCode as number) : 200;
  const body =
    typeof r.body === 'string' ? Buffer.from(r.body, r.isBase64Encoded ? 'base64' : 'utf8') : Buffer.from(JSON.stringify(result ?? null));
  res.writeHead(status, { ...(r.headers ?? {}), 'content-length': body.length });
  res.end(body);
  return status;
}
