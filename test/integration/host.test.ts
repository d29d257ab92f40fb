import { functions as manifest } from '../../cloudfunctions/manifest';
import { createHost, listen } from '../../local/host/server';
import type { HttpEvent } from '../../shared/platform/http';
import { localCloud } from '../support/cloud';
import { callFunction, startHost, type RunningHost } from '../support/host';

const { db } = localCloud();
let host: RunningHost;

beforeAll(async () => {
  process.env.ADMIN_OPENIDS = 'boss';
  host = await startHost();
});
afterAll(async () => {
  await host.close();
  delete process.env.ADMIN_OPENIDS;
});

describe('local function host', () => {
  it('answers /health', async () => {
    const res = await fetch(`${host.base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('takes the openid from X-WX-OPENID and ignores one in the payload', async () => {
    const res = await callFunction(host.base, 'api', { action: 'session.get', payload: { openid: 'mallory' } }, 'alice');
    expect(res).toEqual({ status: 200, json: { ok: true, data: { openid: 'alice', isAdmin: false } } });
  });

  it('defaults the caller to dev-user', async () => {
    const res = await callFunction(host.base, 'api', { action: 'session.get' });
    expect(res.json).toEqual({ ok: true, data: { openid: 'dev-user', isAdmin: false } });
  });

  it('never mixes the contexts of concurrent callers', async () => {
    const openids = Array.from({ length: 60 }, (_x, i) => `user-${i}`);
    const results = await Promise.all(openids.map((o) => callFunction(host.base, 'api', { action: 'session.get' }, o)));
    expect(results.map((r) => (r.json as { data: { openid: string } }).data.openid)).toEqual(openids);
  });

  it('lets admins from ADMIN_OPENIDS and the admins collection in, and nobody else', async () => {
    expect((await callFunction(host.base, 'admin', { action: 'ping' }, 'boss')).json).toMatchObject({ ok: true, data: { pong: true } });
    expect((await callFunction(host.base, 'admin', { action: 'ping' }, 'clerk')).json).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    await db
      .collection('admins')
      .doc('clerk')
      .set({ data: { addedBy: 'boss' } });
    expect((await callFunction(host.base, 'admin', { action: 'ping' }, 'clerk')).json).toMatchObject({ ok: true });
    expect((await callFunction(host.base, 'api', { action: 'session.get' }, 'clerk')).json).toEqual({
      ok: true,
      data: { openid: 'clerk', isAdmin: true },
    });
  });

  it('answers malformed JSON, a missing function and an oversized body with 4xx, and keeps serving', async () => {
    expect((await callFunction(host.base, 'api', '{not json')).status).toBe(400);
    expect((await callFunction(host.base, 'nope', {})).status).toBe(404);
    const big = JSON.stringify({ action: 'session.get', payload: { x: 'a'.repeat(1024 * 1024) } });
    const res = await fetch(`${host.base}/fn/api`, { method: 'POST', body: big });
    expect(res.status).toBe(413);
    expect((await callFunction(host.base, 'api', { action: 'session.get' }, 'bob')).status).toBe(200);
  });

  it('logs one line per invocation without payloads or openids', async () => {
    host.logs.length = 0;
    await callFunction(host.base, 'api', { action: 'session.get', payload: { secret: '13812345678' } }, 'carol-openid');
    expect(host.logs).toHaveLength(1);
    expect(host.logs[0]).toMatch(/^fn api session\.get OK \d+ms$/);
    expect(host.logs.join('\n')).not.toMatch(/carol|13812345678/);
  });

  it('runs the timer function', async () => {
    const res = await fetch(`${host.base}/timer/cron`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('refuses payment notifications with a retryable 500 while WeChat Pay is not configured', async () => {
    const res = await fetch(`${host.base}/http/payNotify`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ code: 'FAIL' });
  });
});

describe('HTTP trigger events', () => {
  it('passes raw body bytes, lower-case headers, method, path and query through unchanged', async () => {
    let seen: HttpEvent | undefined;
    const echo = {
      main: async (event: unknown) => {
        seen = event as HttpEvent;
        return {
          statusCode: 207,
          headers: { 'x-echo': 'yes' },
          body: Buffer.from([0xff, 0x00, 0x41]).toString('base64'),
          isBase64Encoded: true,
        };
      },
    };
    const server = createHost({ functions: { payNotify: echo }, manifest, log: () => undefined });
    const base = await listen(server, 0);
    const bytes = Buffer.from('{"a":1,  "b":"中文"}\n', 'utf8');
    const res = await fetch(`${base}/http/payNotify/v3?x=1`, { method: 'POST', headers: { 'Wechatpay-Nonce': 'abc' }, body: bytes });
    expect(res.status).toBe(207);
    expect(res.headers.get('x-echo')).toBe('yes');
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from([0xff, 0x00, 0x41]));
    expect(seen!.httpMethod).toBe('POST');
    expect(seen!.path).toBe('/payNotify/v3');
    expect(seen!.queryStringParameters).toEqual({ x: '1' });
    expect(seen!.headers['wechatpay-nonce']).toBe('abc');
    expect(Buffer.from(seen!.body, 'base64')).toEqual(bytes);
    await new Promise((r) => server.close(r));
  });

  it('stops a function that runs past its timeout with 504', async () => {
    const slow = { main: () => new Promise<unknown>(() => undefined) };
    const server = createHost({
      functions: { api: slow },
      manifest: [{ name: 'api', trigger: 'callable', timeoutSeconds: 0.05 }],
      log: () => undefined,
    });
    const base = await listen(server, 0);
    expect((await callFunction(base, 'api', {})).status).toBe(504);
    await new Promise((r) => server.close(r));
  });

  it('answers 500 without details when a function crashes', async () => {
    const crash = {
      main: async () => {
        throw new Error('secret detail');
      },
    };
    const server = createHost({ functions: { api: crash }, manifest, log: () => undefined });
    const base = await listen(server, 0);
    const res = await callFunction(base, 'api', {});
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.json)).not.toContain('secret');
    await new Promise((r) => server.close(r));
  });
});
