/** The local host's stand-in for @cloudbase/functions-framework: what an HTTP cloud function sees and sends. */
import type * as http from 'node:http';
import { createHost, listen, type FunctionModule } from '../../local/host/server';
import type { FunctionManifest } from '../../cloudfunctions/manifest';

let server: http.Server;
let base: string;
let impl: (event: unknown, context: any) => Promise<unknown> = async () => undefined;
const manifest: FunctionManifest[] = [{ name: 'web', trigger: 'http', runtime: 'functions-framework', timeoutSeconds: 5 }];

beforeAll(async () => {
  const web: FunctionModule = { main: (event, context) => impl(event, context) };
  server = createHost({ functions: { web }, manifest, log: () => undefined });
  base = await listen(server, 0);
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

it('hands main the parsed body and a frozen context with the request', async () => {
  let seen: { event: unknown; context: any } | undefined;
  impl = async (event, context) => {
    seen = { event, context };
    return { statusCode: 201, headers: { 'x-a': '1' }, body: { ok: true } };
  };
  const res = await fetch(`${base}/http/web/a/b?q=1`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-k': 'v' },
    body: '{"n":1}',
  });
  expect(res.status).toBe(201);
  expect(res.headers.get('x-a')).toBe('1');
  expect(await res.json()).toEqual({ ok: true });
  expect(seen!.event).toEqual({ n: 1 });
  expect(new URL(seen!.context.httpContext.url).pathname + new URL(seen!.context.httpContext.url).search).toBe('/a/b?q=1');
  expect(seen!.context).toMatchObject({ eventType: 'http', httpContext: { httpMethod: 'PUT', headers: { 'x-k': 'v' } } });
  expect(Object.isFrozen(seen!.context)).toBe(true);
});

it('answers a plain value as JSON, nothing as 204, a crash as 500 without its cause', async () => {
  impl = async () => ({ hello: 'world' });
  expect(await (await fetch(`${base}/http/web`, { method: 'POST' })).json()).toEqual({ hello: 'world' });
  impl = async () => undefined;
  expect((await fetch(`${base}/http/web`, { method: 'POST' })).status).toBe(204);
  impl = async () => {
    throw new Error('secret detail');
  };
  const res = await fetch(`${base}/http/web`, { method: 'POST' });
  expect(res.status).toBe(500);
  const body = await res.text();
  expect(body).toContain('SYS_ERR');
  expect(body).not.toContain('secret detail');
});

it('streams each send() at once, one sse instance per request, and ends a crashed stream with an error event', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  impl = async (_e, context) => {
    const sse = context.sse();
    expect(context.sse()).toBe(sse);
    sse.send('event: a\ndata: 1\n\n');
    await gate; // the client must have the first event before the function goes on
    sse.send({ event: 'b', data: { x: 1 } });
    throw new Error('boom');
  };
  const res = await fetch(`${base}/http/web/s`, { method: 'POST' });
  expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
  expect(res.headers.get('cache-control')).toBe('no-cache');
  const reader = res.body!.getReader();
  const first = Buffer.from((await reader.read()).value!).toString();
  expect(first).toBe('event: a\ndata: 1\n\n');
  release();
  let rest = '';
  for (let r = await reader.read(); !r.done; r = await reader.read()) rest += Buffer.from(r.value).toString();
  expect(rest).toBe('event: b\ndata: {"x":1}\n\n: uncaught-exception-from-user-code\nevent: error\ndata: boom\n\n');
});

it('gives no sse once the function has answered', async () => {
  let late: unknown = 'unset';
  impl = async (_e, context) => {
    setTimeout(() => (late = context.sse()), 10);
    return { done: true };
  };
  await (await fetch(`${base}/http/web`, { method: 'POST' })).json();
  await new Promise((r) => setTimeout(r, 30));
  expect(late).toBeNull();
});
