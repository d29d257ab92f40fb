import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type * as http from 'node:http';

/**
 * A faithful stand-in for @cloudbase/functions-framework 1.18 (the runtime of HTTP cloud functions)
 * inside the local host, for one request: what `exports.main(event, context)` receives and how its
 * answer goes out. Mirrored from the framework's own code (build/function-wrapper.js,
 * build/function-sse.js, build/unified-responder.js):
 *
 * - `event` is the parsed body (JSON, text), `{}` when there is none;
 * - `context` = { eventID, eventType: 'http', timestamp, httpContext: { url, httpMethod, headers }, sse() },
 *   frozen;
 * - `context.sse()` answers 200 `text/event-stream; charset=utf-8` with `Cache-Control: no-cache`,
 *   `Connection: keep-alive`, `X-Request-Id`, flushes the headers, turns Nagle off and writes every
 *   `send()` at once (no buffering); a `: heartbeat` comment every 3 s; strings and Buffers are written
 *   as they are, objects framed as SSE fields; the same instance on every call, null once answered;
 * - the return value, when the function did not stream: an integration response
 *   `{ statusCode, headers, body }`, else the value itself (JSON), 204 for nothing;
 * - an exception: 500 `{ code: 'SYS_ERR', message, requestId }`, or, once streaming, an `error` event and the end.
 */
export interface FrameworkFunction {
  main(event: unknown, context?: unknown): Promise<unknown>;
}

const HEARTBEAT_MS = 3000;

interface SseFields {
  data?: unknown;
  comment?: string;
  event?: string;
  id?: string;
  retry?: number;
}

function frame(event: SseFields): string {
  let out = '';
  if ('comment' in event) out += `: ${event.comment}\n`;
  if ('event' in event) out += `event: ${event.event}\n`;
  if ('id' in event) out += `id: ${event.id}\n`;
  if ('retry' in event) out += `retry: ${event.retry}\n`;
  if ('data' in event) {
    const data = typeof event.data === 'object' && event.data !== null ? JSON.stringify(event.data) : String(event.data);
    // As the framework does: each line of data its own `data:` line (runs of line breaks collapse).
    out += data
      .split(/[\r\n]+/)
      .map((line) => `data: ${line}\n`)
      .join('');
  }
  return out ? `${out}\n` : '';
}

class LocalServerSentEvent extends EventEmitter {
  closed = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly res: http.ServerResponse,
    eventID: string,
    options: { keepalive?: boolean; headers?: Record<string, string> },
  ) {
    super();
    res.on('close', () => {
      if (!this.closed) this.emit('close');
      this.closed = true;
      clearInterval(this.heartbeat);
    });
    res.socket?.setTimeout(0);
    res.socket?.setNoDelay(true);
    res.socket?.setKeepAlive(true);
    res.writeHead(200, {
      ...(options.headers ?? {}),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Request-Id': eventID,
    });
    res.flushHeaders();
    this.heartbeat = setInterval(() => this.send(': heartbeat\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
    if (options.keepalive === false) clearInterval(this.heartbeat);
  }

  send(event: string | Buffer | SseFields | Array<string | Buffer | SseFields>): boolean {
    if (this.closed) return false;
    const parts = (Array.isArray(event) ? event : [event]).map((e) =>
      Buffer.isBuffer(e) ? e : Buffer.from(typeof e === 'string' ? e : frame(e), 'utf8'),
    );
    const bytes = Buffer.concat(parts);
    return bytes.length > 0 ? this.res.write(bytes) : false;
  }

  end(event: string | Buffer | SseFields = ''): void {
    this.send(event);
    this.closed = true;
    clearInterval(this.heartbeat);
    this.res.end();
  }
}

function parseEvent(req: http.IncomingMessage, body: Buffer): unknown {
  if (body.length === 0) return {};
  const type = String(req.headers['content-type'] ?? '');
  if (/json/i.test(type)) return JSON.parse(body.toString('utf8')) as unknown;
  if (/^text\//i.test(type) || /urlencoded/i.test(type)) return body.toString('utf8');
  return body;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body), 'utf8');
  const type = Buffer.isBuffer(body)
    ? 'application/octet-stream'
    : typeof body === 'string'
      ? 'text/plain; charset=utf-8'
      : 'application/json; charset=utf-8';
  const names = Object.keys(headers).map((h) => h.toLowerCase());
  res.writeHead(status, {
    ...(names.includes('content-type') ? {} : { 'content-type': type }),
    ...headers,
    'content-length': bytes.length,
  });
  res.end(bytes);
}

/**
 * Runs one request through `fn` the way the framework would, writing the answer to `res`. Resolves
 * with the status once the function has returned and the response is finished or the client gone.
 * `path` is the request path inside the function (the host strips `/http/<name>`).
 */
export async function serveOnFramework(
  fn: FrameworkFunction,
  req: http.IncomingMessage,
  path: string,
  search: string,
  body: Buffer,
  res: http.ServerResponse,
): Promise<number> {
  const eventID = randomUUID();
  let event: unknown;
  try {
    event = parseEvent(req, body);
  } catch {
    sendJson(res, 400, { code: 'BAD_REQUEST', message: 'Bad Request.', requestId: eventID });
    return 400;
  }
  let executeDone = false;
  let sse: LocalServerSentEvent | undefined;
  const headers: Record<string, string | string[] | undefined> = { ...req.headers };
  const context = Object.freeze({
    ctxId: eventID,
    eventID,
    eventType: 'http',
    timestamp: new Date().toISOString(),
    httpContext: Object.freeze({
      url: `http://${req.headers.host ?? '127.0.0.1'}${path}${search}`,
      httpMethod: req.method ?? 'GET',
      headers,
    }),
    sse: (options: { keepalive?: boolean; headers?: Record<string, string> } = {}) => {
      if (sse) return sse;
      if (res.headersSent || executeDone) return null;
      sse = new LocalServerSentEvent(res, eventID, options);
      return sse;
    },
  });
  const finished = new Promise<void>((resolve) => {
    res.once('close', resolve);
    res.once('finish', resolve);
  });
  let result: unknown;
  let failure: unknown;
  try {
    result = await fn.main(event, context);
  } catch (error) {
    failure = error;
  }
  executeDone = true;
  const stream = sse as LocalServerSentEvent | undefined;
  if (stream) {
    if (failure !== undefined && !stream.closed) {
      stream.end({
        event: 'error',
        data: failure instanceof Error ? failure.message : String(failure),
        comment: 'uncaught-exception-from-user-code',
      });
    }
    await finished;
    return 200;
  }
  if (failure !== undefined) {
    // The framework's answer in production (captureStack is off there): nothing of the cause.
    sendJson(res, 500, { code: 'SYS_ERR', message: 'System Error.', requestId: eventID });
    return 500;
  }
  const r = result as Partial<{ statusCode: number; headers: Record<string, string>; body: unknown }> | null | undefined;
  if (r && typeof r === 'object' && typeof r.statusCode === 'number' && typeof r.headers === 'object') {
    if (r.body === undefined || r.body === null) {
      res.writeHead(r.statusCode, r.headers);
      res.end();
    } else sendJson(res, r.statusCode, r.body, r.headers);
    return r.statusCode;
  }
  if (result === undefined || result === null) {
    res.writeHead(204);
    res.end();
    return 204;
  }
  sendJson(res, 200, result);
  return 200;
}
