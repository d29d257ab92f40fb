import * as http from 'node:http';
import * as https from 'node:https';

/**
 * A small HTTP client on node:http(s): CloudBase's Node 16 runtime has no global fetch, and WeChat
 * Pay needs the raw response bytes for signature checks. Timeouts are always set.
 */
export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export type HttpClient = (req: HttpRequest) => Promise<HttpResponse>;

export class HttpTransportError extends Error {}

export const nodeHttpClient: HttpClient = (req) =>
  new Promise((resolve, reject) => {
    const url = new URL(req.url);
    const lib = url.protocol === 'https:' ? https : http;
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
    const request = lib.request(
      url,
      {
        method: req.method,
        headers: { ...(req.headers ?? {}), ...(body ? { 'content-length': String(body.length) } : {}) },
        timeout: req.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', (e) => reject(new HttpTransportError(e.message)));
      },
    );
    request.on('timeout', () => request.destroy(new HttpTransportError(`timed out after ${req.timeoutMs ?? 10_000} ms`)));
    request.on('error', (e) => reject(e instanceof HttpTransportError ? e : new HttpTransportError(e.message)));
    if (body) request.write(body);
    request.end();
  });
