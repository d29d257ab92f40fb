import * as http from 'node:http';
import * as https from 'node:https';

/**
 * A streaming HTTP call with the limits a model call needs: connecting, waiting for the answer to
 * start, silence while it streams, and an overall deadline. node:http(s) because CloudBase's Node 16
 * runtime has no global fetch. Every failure is a StreamFailure with a kind the router can classify.
 */
export type StreamFailureKind = 'connect_timeout' | 'first_byte_timeout' | 'idle_timeout' | 'deadline' | 'network' | 'aborted';

export class StreamFailure extends Error {
  constructor(
    readonly kind: StreamFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'StreamFailure';
  }
}

export interface StreamRequest {
  url: string;
  method?: string;
  headers: Record<string, string>;
  body: string;
  connectTimeoutMs: number;
  /** From sending the request to the response's headers. */
  firstByteTimeoutMs: number;
  /**
   * The longest silence after the headers: before the first byte of the body and between chunks.
   * Headers alone prove nothing — a provider can send them and then hang. Defaults to firstByteTimeoutMs.
   */
  idleTimeoutMs?: number;
  /** Absolute time (ms since epoch) by which everything must be over. */
  deadline: number;
  /** Ends the call when the caller no longer wants it (a stop, the function's own time limit). */
  signal?: AbortSignal;
}

/** Status and headers (lower-case names), so callers can read Retry-After, x-should-retry, content-type. */
export interface StreamResponse {
  status: number;
  headers: Record<string, string>;
}

export type HttpStreamer = (req: StreamRequest, onData: (chunk: Buffer) => void) => Promise<StreamResponse>;

export const nodeHttpStreamer: HttpStreamer = (req, onData) =>
  new Promise((resolve, reject) => {
    const url = new URL(req.url);
    const lib = url.protocol === 'https:' ? https : http;
    const body = Buffer.from(req.body, 'utf8');
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const fail = (kind: StreamFailureKind, message: string) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      request.destroy();
      reject(new StreamFailure(kind, message));
    };
    const request = lib.request(
      url,
      { method: req.method ?? 'POST', headers: { ...req.headers, 'content-length': String(body.length) } },
      (res) => {
        clearTimeout(firstByte);
        // From here on, silence is what times out: before the first body byte and between chunks.
        const idleMs = req.idleTimeoutMs ?? req.firstByteTimeoutMs;
        const idle = setTimeout(() => fail('idle_timeout', `the answer went silent for ${idleMs} ms`), idleMs);
        timers.push(idle);
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers))
          if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
        res.on('data', (chunk: Buffer) => {
          if (settled) return;
          idle.refresh();
          onData(chunk);
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          timers.forEach(clearTimeout);
          resolve({ status: res.statusCode ?? 0, headers });
        });
        res.on('error', (e) => fail('network', e.message));
        res.on('aborted', () => fail('network', 'the connection was cut off'));
      },
    );
    const deadline = setTimeout(
      () => fail('deadline', 'the model did not finish before the deadline'),
      Math.max(0, req.deadline - Date.now()),
    );
    const connect = setTimeout(() => fail('connect_timeout', `no connection within ${req.connectTimeoutMs} ms`), req.connectTimeoutMs);
    const firstByte = setTimeout(() => fail('first_byte_timeout', `no answer within ${req.firstByteTimeoutMs} ms`), req.firstByteTimeoutMs);
    timers.push(deadline, connect, firstByte);
    request.on('socket', (socket) => {
      if (!socket.connecting) clearTimeout(connect);
      else socket.once('connect', () => clearTimeout(connect));
    });
    request.on('error', (e) => fail('network', e.message));
    // The caller ends the call (the user pressed stop, or the function is out of time).
    const abort = () => fail('aborted', 'the call was ended by the caller');
    if (req.signal?.aborted) abort();
    req.signal?.addEventListener('abort', abort, { once: true });
    request.end(body);
  });
