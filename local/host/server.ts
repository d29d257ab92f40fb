import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FunctionManifest } from '../../cloudfunctions/manifest';
import { asInvocation, type WXContext } from '../runtime';
import { serveOnFramework } from './functions-framework';
import { httpTriggerEvent, sendHttpResult } from './http-trigger';

export interface FunctionModule {
  main(event: unknown, context?: unknown): Promise<unknown>;
}

/** Extra routes (the WeChat Pay sandbox, the fake model) mounted under a path prefix. */
export type RouteHandler = (req: http.IncomingMessage, body: Buffer, res: http.ServerResponse) => Promise<void>;

export interface HostOptions {
  functions: Record<string, FunctionModule>;
  manifest: FunctionManifest[];
  routes?: Record<string, RouteHandler>;
  /** Called with one PII-free line per invocation. */
  log?: (line: string) => void;
  appid?: string;
}

export const MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_OPENID = 'dev-user';

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpProblem(413, `body larger than ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpProblem(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Stops an invocation the way CloudBase does when it runs past its configured timeout. */
function withTimeout<T>(work: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HttpProblem(504, `function timed out after ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The local function host: serves every cloud function over HTTP the way CloudBase invokes it
 * (callFunction, HTTP access service, timer), plus the development sandboxes. Each request is its own
 * invocation context; nothing a request carries leaks into another.
 */
export function createHost(options: HostOptions): http.Server {
  const log = options.log ?? ((line: string) => console.log(line));
  const byName = new Map(options.manifest.map((m) => [m.name, m]));

  async function invoke(name: string, trigger: string, context: WXContext, event: unknown): Promise<unknown> {
    const fn = options.functions[name];
    const manifest = byName.get(name);
    if (!fn || !manifest) throw new HttpProblem(404, `no function named "${name}"`);
    if (trigger !== 'callable' && manifest.trigger !== trigger) {
      throw new HttpProblem(404, `function "${name}" has no ${trigger} trigger`);
    }
    return withTimeout(
      asInvocation(context, () => fn.main(event, {})),
      manifest.timeoutSeconds,
    );
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<string> {
    const url = new URL(req.url ?? '/', 'http://local');
    const [, kind, name = ''] = url.pathname.split('/');
    if (req.method === 'OPTIONS') {
      res.writeHead(204);
      res.end();
      return 'preflight';
    }
    if (url.pathname === '/health' && req.method === 'GET') {
      sendJson(res, 200, { ok: true });
      return 'health';
    }
    const body = await readBody(req);

    for (const [prefix, handler] of Object.entries(options.routes ?? {})) {
      if (url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)) {
        await handler(req, body, res);
        return `${prefix} ${res.statusCode}`;
      }
    }

    if (kind === 'fn' && req.method === 'POST') {
      let event: unknown;
      try {
        event = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        throw new HttpProblem(400, 'body is not valid JSON');
      }
      const openid = String(req.headers['x-wx-openid'] ?? DEFAULT_OPENID);
      const context: WXContext = { OPENID: openid, APPID: options.appid ?? 'wx-local', ENV: 'local', SOURCE: 'wx_devtools' };
      const result = await invoke(name, 'callable', context, event);
      sendJson(res, 200, result ?? null);
      const action = (event as { action?: unknown })?.action;
      const envelope = result as { ok?: boolean; error?: { code?: string } } | null;
      const code = envelope && typeof envelope.ok === 'boolean' ? (envelope.ok ? 'OK' : envelope.error?.code) : 'done';
      return `fn ${name}${typeof action === 'string' ? ` ${action.slice(0, 64)}` : ''} ${code}`;
    }
    if (kind === 'http' && byName.get(name)?.runtime === 'functions-framework') {
      // An HTTP cloud function: the request itself (not an event), answered as it goes (streams are not buffered).
      const fn = options.functions[name];
      const manifest = byName.get(name)!;
      if (!fn || manifest.trigger !== 'http') throw new HttpProblem(404, `no function named "${name}"`);
      const inner = url.pathname.slice(`/${kind}/${name}`.length) || '/';
      const status = await withTimeout(
        asInvocation({ ENV: 'local', SOURCE: 'http' }, () => serveOnFramework(fn, req, inner, url.search, body, res)),
        manifest.timeoutSeconds,
      );
      return `http ${name} ${status}`;
    }
    if (kind === 'http') {
      const event = httpTriggerEvent(req, url, body);
      const result = await invoke(name, 'http', { ENV: 'local', SOURCE: 'http' }, event);
      const status = sendHttpResult(res, result);
      return `http ${name} ${status}`;
    }
    if (kind === 'timer' && req.method === 'POST') {
      const event = { Type: 'Timer', TriggerName: name, Time: new Date().toISOString() };
      const result = await invoke(name, 'timer', { ENV: 'local', SOURCE: 'timer' }, event);
      sendJson(res, 200, result ?? null);
      return `timer ${name}`;
    }
    throw new HttpProblem(404, `nothing at ${req.method} ${url.pathname}`);
  }

  return http.createServer((req, res) => {
    const started = Date.now();
    route(req, res)
      .then((what) => log(`${what} ${Date.now() - started}ms`))
      .catch((error: unknown) => {
        const status = error instanceof HttpProblem ? error.status : 500;
        const message = error instanceof HttpProblem ? error.message : 'the function crashed';
        if (!res.headersSent) sendJson(res, status, { errCode: status, errMsg: message });
        else res.end();
        const detail = error instanceof HttpProblem ? '' : ` ${error instanceof Error ? error.name : typeof error}`;
        log(`${req.method} ${(req.url ?? '').split('?')[0]} ${status}${detail} ${Date.now() - started}ms`);
      });
  });
}

/** Listens and resolves with the base URL (port 0 picks a free port: what tests use). */
export function listen(server: http.Server, port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve(`http://${host}:${address.port}`);
    });
  });
}
