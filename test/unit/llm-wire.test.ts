/**
 * Real providers' wire formats (issue 12, section 3). Every case replays a recorded response from
 * `test/fixtures/llm/` through the real provider code — a fake HttpStreamer cutting the body into
 * small chunks, or a local HTTP server and nodeHttpStreamer — and, where money is at stake, through
 * the router with a fallback that must never be reached.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CircuitBreaker } from '../../shared/llm/circuit-breaker';
import { ModelEntry, defaultModels } from '../../shared/llm/model-entry';
import { anthropicProvider } from '../../shared/llm/providers/anthropic';
import { openAiProvider } from '../../shared/llm/providers/openai';
import { routeCompletion, type RouteStep } from '../../shared/llm/router';
import { ProviderFailure, type CallLimits, type Provider } from '../../shared/llm/types';
import { AppError } from '../../shared/platform/errors';
import { nodeHttpStreamer, StreamFailure, type HttpStreamer } from '../../shared/platform/http-stream';
import { replay, serveTranscripts, transcript, type Transcript, type WireServer } from '../support/wire';

const req = { model: 'm', messages: [{ role: 'user' as const, content: '你好' }], maxOutputTokens: 100 };
const limits = (overrides: Partial<CallLimits> = {}): CallLimits => ({
  connectTimeoutMs: 1000,
  firstByteTimeoutMs: 1000,
  deadline: Date.now() + 60_000,
  ...overrides,
});
const openai = (stream: HttpStreamer, id = 'o') => openAiProvider({ id, baseUrl: 'http://x/v1', apiKey: 'k' }, stream);
const anthropic = (stream: HttpStreamer, id = 'a') => anthropicProvider({ id, baseUrl: 'http://x', apiKey: 'k' }, stream);
const complete = (p: Provider, onText: (d: string) => void = () => undefined) => p.complete(req, limits(), onText);

async function failureOf(p: Promise<unknown>): Promise<ProviderFailure> {
  try {
    await p;
  } catch (error) {
    if (error instanceof ProviderFailure) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function appErrorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** A second provider that answers, counting its calls: most tests assert it is never reached. */
function fallback(): Provider & { calls: number } {
  const p = {
    id: 'fallback',
    calls: 0,
    complete: async () => {
      p.calls += 1;
      return { text: 'fallback', usage: { input: 1, cachedInput: 0, output: 1 }, finishReason: 'stop' };
    },
  };
  return p;
}

/** The router with a manual clock and a recorded sleep, so Retry-After is checked without waiting. */
function router(breaker = new CircuitBreaker()) {
  let t = 1_000_000;
  const sleeps: number[] = [];
  return {
    breaker,
    sleeps,
    advance: (ms: number) => (t += ms),
    route: (steps: RouteStep[], l: CallLimits = { connectTimeoutMs: 1000, firstByteTimeoutMs: 1000, deadline: t + 60_000 }) =>
      routeCompletion(
        steps,
        req,
        l,
        () => undefined,
        breaker,
        () => t,
        async (ms) => {
          sleeps.push(ms);
          t += ms;
        },
      ),
    now: () => t,
  };
}

describe('1. OpenRouter finish_reason "error" without an error object', () => {
  it('is a failed call, partial once text arrived — not a success to charge', async () => {
    const deltas: string[] = [];
    const failure = await failureOf(complete(openai(replay(transcript('openrouter-finish-error'))), (d) => deltas.push(d)));
    expect(deltas.join('')).toBe('长城始建于春秋战国');
    expect(failure).toMatchObject({ kind: 'server', partial: true, retryable: false });
  });

  it('through the router: unavailable, marked partial, the fallback never called', async () => {
    const backup = fallback();
    const err = await appErrorOf(
      router().route([
        { provider: openai(replay(transcript('openrouter-finish-error'))), model: 'm' },
        { provider: backup, model: 'm' },
      ]),
    );
    expect(err).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { partial: true } });
    expect(backup.calls).toBe(0);
  });

  it('the documented variant with an error object fails the same way', async () => {
    expect(await failureOf(complete(openai(replay(transcript('openrouter-midstream-error')))))).toMatchObject({
      kind: 'server',
      partial: true,
    });
  });
});

describe('2. a JSON body when a stream was requested', () => {
  it('OpenAI shape: a complete answer with its usage and finish reason', async () => {
    const deltas: string[] = [];
    const res = await complete(openai(replay(transcript('openai-ignored-stream'))), (d) => deltas.push(d));
    expect(res).toEqual({ text: '你好！有什么可以帮你的吗？', usage: { input: 19, cachedInput: 0, output: 10 }, finishReason: 'stop' });
    expect(deltas.join('')).toBe(res.text);
  });

  it('Anthropic shape: text blocks joined, cache reads counted as input', async () => {
    const deltas: string[] = [];
    const res = await complete(anthropic(replay(transcript('anthropic-ignored-stream'))), (d) => deltas.push(d));
    expect(res).toEqual({ text: '你好！很高兴见到你。', usage: { input: 20, cachedInput: 8, output: 15 }, finishReason: 'end_turn' });
    expect(deltas.join('')).toBe(res.text);
  });

  it.each([
    ['openai-ignored-stream', openai],
    ['anthropic-ignored-stream', anthropic],
  ])('%s through the router with a fallback: answered once, the fallback never called', async (name, make) => {
    const backup = fallback();
    const res = await router().route([
      { provider: make(replay(transcript(name)), 'first'), model: 'm' },
      { provider: backup, model: 'm' },
    ]);
    expect(res).toMatchObject({ providerId: 'first', attempts: 1 });
    expect(backup.calls).toBe(0);
  });

  it('over real HTTP too (nodeHttpStreamer, application/json)', async () => {
    const server = await serveTranscripts(() => ({ transcript: transcript('openai-ignored-stream') }));
    try {
      const res = await openAiProvider({ id: 'o', baseUrl: `${server.url}/v1`, apiKey: 'k' }, nodeHttpStreamer).complete(
        req,
        limits(),
        () => undefined,
      );
      expect(res.text).toBe('你好！有什么可以帮你的吗？');
    } finally {
      await server.close();
    }
  });

  it('a 200 JSON error document is a failure, not an empty answer', async () => {
    const body = Buffer.from('{"error":{"code":502,"message":"Provider returned error"}}');
    const t: Transcript = { name: 'inline', status: 200, headers: { 'content-type': 'application/json' }, body };
    expect(await failureOf(complete(openai(replay(t))))).toMatchObject({ kind: 'server', partial: false });
  });
});

describe('3. usage wherever the provider puts it', () => {
  it('Moonshot/Kimi: inside choices[0].usage, cache hits as usage.cached_tokens', async () => {
    const res = await complete(openai(replay(transcript('moonshot-usage-in-choice'))));
    expect(res).toEqual({ text: '你好，李雷！1+1 等于 2。', usage: { input: 19, cachedInput: 10, output: 13 }, finishReason: 'stop' });
  });

  it('OpenAI: top-level usage on a last chunk with choices: []', async () => {
    const res = await complete(openai(replay(transcript('openai-usage-final-chunk'))));
    expect(res).toEqual({ text: '北京今天晴。', usage: { input: 1210, cachedInput: 1152, output: 6 }, finishReason: 'stop' });
  });
});

describe('4. provider content refusals are CONTENT_FILTERED', () => {
  it.each([
    ['deepseek-content-exists-risk', openai, false],
    ['openai-content-policy-violation', openai, false],
    ['azure-content-filter', openai, false],
    ['moonshot-high-risk', openai, false],
    ['openai-content-filter-finish', openai, true],
    ['moonshot-content-filter-finish', openai, false],
    ['anthropic-refusal', anthropic, true],
  ])('%s', async (name, make, partial) => {
    expect(await failureOf(complete(make(replay(transcript(name)))))).toMatchObject({
      kind: 'content_filtered',
      partial,
      retryable: false,
    });
  });

  it('a content refusal inside the stream (an error chunk) is one too', async () => {
    const body = Buffer.from(
      'data: {"error":{"code":400,"message":"Content Exists Risk","metadata":{"provider_name":"DeepSeek"}},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error"}]}\n\ndata: [DONE]\n\n',
    );
    const t: Transcript = { name: 'inline', status: 200, headers: { 'content-type': 'text/event-stream' }, body };
    expect(await failureOf(complete(openai(replay(t))))).toMatchObject({ kind: 'content_filtered' });
  });

  it('through the router: CONTENT_FILTERED, and no other provider is asked', async () => {
    const backup = fallback();
    const err = await appErrorOf(
      router().route([
        { provider: openai(replay(transcript('deepseek-content-exists-risk'))), model: 'deepseek-chat' },
        { provider: backup, model: 'm' },
      ]),
    );
    expect(err.code).toBe('CONTENT_FILTERED');
    expect(backup.calls).toBe(0);
  });
});

describe('5. an answer cut at the token limit comes out as truncated', () => {
  it('OpenAI finish_reason "length"', async () => {
    const res = await router().route([{ provider: openai(replay(transcript('openai-finish-length'))), model: 'm' }]);
    expect(res).toMatchObject({ text: '第一，早睡早起；第二，', finishReason: 'length', truncated: true });
  });

  it('Anthropic stop_reason "max_tokens"', async () => {
    const res = await router().route([{ provider: anthropic(replay(transcript('anthropic-max-tokens'))), model: 'm' }]);
    expect(res).toMatchObject({ text: '从前有座山，山里有座庙', finishReason: 'max_tokens', truncated: true });
  });

  it('a finished answer is not', async () => {
    const res = await router().route([{ provider: anthropic(replay(transcript('anthropic-stream'))), model: 'm' }]);
    expect(res).toMatchObject({ finishReason: 'end_turn', truncated: false });
  });
});

describe('6. Retry-After and x-should-retry', () => {
  it('reads Retry-After in seconds, as an HTTP date (against the response Date), and retry-after-ms', async () => {
    expect((await failureOf(complete(openai(replay(transcript('openrouter-429-retry-after')))))).hints).toEqual({ retryAfterMs: 2000 });
    expect((await failureOf(complete(openai(replay(transcript('openai-503-retry-after-date')))))).hints).toEqual({ retryAfterMs: 5000 });
    const ms: Transcript = { ...transcript('openrouter-429-retry-after'), headers: { 'retry-after-ms': '250', 'retry-after': '2' } };
    expect((await failureOf(complete(openai(replay(ms))))).hints).toEqual({ retryAfterMs: 250 });
    expect((await failureOf(complete(openai(replay(transcript('openai-503-should-not-retry')))))).hints).toEqual({ shouldRetry: false });
    expect((await failureOf(complete(anthropic(replay(transcript('anthropic-529-should-retry')))))).hints).toEqual({ shouldRetry: true });
  });

  it('the only provider is asked again after Retry-After, not before', async () => {
    const r = router();
    const stream = replay([transcript('openrouter-429-retry-after'), transcript('openai-usage-final-chunk')]);
    const res = await r.route([{ provider: openai(stream), model: 'm' }]);
    expect(res).toMatchObject({ text: '北京今天晴。', attempts: 2 });
    expect(r.sleeps).toEqual([2000]);
    expect(stream.requests).toHaveLength(2);
  });

  it('never sleeps past the deadline: a Retry-After that does not fit fails at once', async () => {
    const r = router();
    const stream = replay([transcript('openrouter-429-retry-after'), transcript('openai-usage-final-chunk')]);
    const err = await appErrorOf(
      r.route([{ provider: openai(stream), model: 'm' }], { connectTimeoutMs: 1000, firstByteTimeoutMs: 1000, deadline: r.now() + 2500 }),
    );
    expect(err).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { kind: 'rate_limited', retryAfterSeconds: 2 } });
    expect(r.sleeps).toEqual([]);
    expect(stream.requests).toHaveLength(1);
  });

  it('opens the breaker for that provider/model for at least Retry-After, after a single failure', async () => {
    const r = router(new CircuitBreaker(3, 30_000));
    const stream = replay([transcript('openrouter-429-retry-after'), transcript('openai-usage-final-chunk')]);
    const steps = [
      { provider: openai(stream, 'or'), model: 'free' },
      { provider: fallback(), model: 'm' },
    ];
    // A fallback is there, so it answers at once: no sleeping while another provider could answer.
    expect(await r.route(steps)).toMatchObject({ providerId: 'fallback' });
    expect(r.sleeps).toEqual([]);
    r.advance(1500);
    expect(await r.route(steps)).toMatchObject({ providerId: 'fallback' });
    expect(stream.requests).toHaveLength(1);
    r.advance(600);
    expect(await r.route(steps)).toMatchObject({ providerId: 'or' });
    expect(stream.requests).toHaveLength(2);
  });

  it('caps how long a Retry-After keeps the breaker open', () => {
    const breaker = new CircuitBreaker(3, 30_000, 60_000);
    breaker.failure('p/m', 0, 3_600_000);
    expect(breaker.isOpen('p/m', 59_999)).toBe(true);
    expect(breaker.isOpen('p/m', 60_000)).toBe(false);
    // A longer cooldown already earned is not shortened by a short Retry-After.
    breaker.failure('q/m', 0);
    breaker.failure('q/m', 0);
    breaker.failure('q/m', 0, 1000);
    expect(breaker.isOpen('q/m', 20_000)).toBe(true);
  });

  it('x-should-retry: false — that provider is not asked again (other providers may still answer)', async () => {
    const r = router();
    const stream = replay([transcript('openai-503-should-not-retry'), transcript('openai-usage-final-chunk')]);
    const err = await appErrorOf(r.route([{ provider: openai(stream), model: 'm' }]));
    expect(err).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { kind: 'server', attempts: 1 } });
    expect(stream.requests).toHaveLength(1);
    expect(r.sleeps).toEqual([]);

    const backup = fallback();
    const again = replay(transcript('openai-503-should-not-retry'));
    expect(
      await router().route([
        { provider: openai(again), model: 'm' },
        { provider: backup, model: 'm' },
      ]),
    ).toMatchObject({ providerId: 'fallback' });
    expect(again.requests).toHaveLength(1);
  });

  it('x-should-retry: true — the only provider is asked once more after a short backoff', async () => {
    const r = router();
    const stream = replay([transcript('anthropic-529-should-retry'), transcript('anthropic-stream')]);
    expect(await r.route([{ provider: anthropic(stream), model: 'm' }])).toMatchObject({ text: '好的，马上为你解答。', attempts: 2 });
    expect(r.sleeps).toHaveLength(1);
    expect(r.sleeps[0]).toBeLessThanOrEqual(1000);
  });

  it('x-should-retry: true makes an otherwise final status retryable; a partial answer never is', async () => {
    const conflict: Transcript = {
      name: 'inline',
      status: 409,
      headers: { 'x-should-retry': 'true' },
      body: Buffer.from('{"error":{"message":"lock timeout"}}'),
    };
    expect(await failureOf(complete(openai(replay(conflict))))).toMatchObject({ kind: 'rejected', retryable: true });
    expect(new ProviderFailure('server', 'x', true, { shouldRetry: true }).retryable).toBe(false);
  });
});

describe('7. max_completion_tokens for the models that need it', () => {
  /** An OpenAI reasoning model: refuses max_tokens, answers max_completion_tokens. */
  const reasoningModel = () =>
    replay((r) => {
      const body = JSON.parse(r.body) as Record<string, unknown>;
      return 'max_tokens' in body ? transcript('openai-max-tokens-unsupported') : transcript('openai-usage-final-chunk');
    });

  it('sends max_tokens by default and max_completion_tokens when the chain step says so', async () => {
    const stream = reasoningModel();
    const provider = openai(stream);
    expect(await appErrorOf(router().route([{ provider, model: 'gpt-5-mini' }]))).toMatchObject({ code: 'PROVIDER_REJECTED' });
    const res = await router().route([{ provider, model: 'gpt-5-mini', maxTokensParam: 'max_completion_tokens' }]);
    expect(res.text).toBe('北京今天晴。');
    const sent = stream.requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);
    expect(sent[0]).toMatchObject({ max_tokens: 100 });
    expect(sent[1]).toMatchObject({ max_completion_tokens: 100, model: 'gpt-5-mini' });
    expect(sent[1]).not.toHaveProperty('max_tokens');
  });

  it('is a per-step setting of the models table, checked', () => {
    const entry = defaultModels({})[0]!;
    expect(entry.chain[0]).not.toHaveProperty('maxTokensParam');
    const ok = ModelEntry.safeParse({
      ...entry,
      chain: [{ provider: 'default', model: 'o4-mini', maxTokensParam: 'max_completion_tokens' }],
    });
    expect(ok.success).toBe(true);
    expect(
      ModelEntry.safeParse({ ...entry, chain: [{ provider: 'default', model: 'o4-mini', maxTokensParam: 'max_output' }] }).success,
    ).toBe(false);
  });

  it('the seeded model gets it when LLM_MODEL names an o-series or gpt-5 model', () => {
    expect(defaultModels({ LLM_MODEL: 'gpt-5-mini' })[0]!.chain[0]).toMatchObject({ maxTokensParam: 'max_completion_tokens' });
    expect(defaultModels({ LLM_MODEL: 'o3' })[0]!.chain[0]).toMatchObject({ maxTokensParam: 'max_completion_tokens' });
    expect(defaultModels({ LLM_MODEL: 'deepseek-chat' })[0]!.chain[0]).not.toHaveProperty('maxTokensParam');
  });
});

describe('8. a provider that sends headers and then nothing still times out', () => {
  let server: WireServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('headers, then silence: an idle timeout, long before the deadline', async () => {
    server = await serveTranscripts(() => ({ transcript: transcript('stall-after-headers'), hold: true }));
    const started = Date.now();
    const err = await nodeHttpStreamer(
      { url: server.url, headers: {}, body: '{}', connectTimeoutMs: 1000, firstByteTimeoutMs: 200, deadline: Date.now() + 10_000 },
      () => undefined,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamFailure);
    expect(err).toMatchObject({ kind: 'idle_timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('through the provider and the router: retryable before any text, so the fallback answers', async () => {
    server = await serveTranscripts(() => ({ transcript: transcript('stall-after-headers'), hold: true }));
    const provider = openAiProvider({ id: 'stalled', baseUrl: server.url, apiKey: 'k' }, nodeHttpStreamer);
    const l = limits({ firstByteTimeoutMs: 200 });
    expect(await failureOf(provider.complete(req, l, () => undefined))).toMatchObject({ kind: 'timeout', retryable: true });
    const res = await routeCompletion(
      [
        { provider, model: 'm' },
        { provider: fallback(), model: 'm' },
      ],
      req,
      limits({ firstByteTimeoutMs: 200 }),
      () => undefined,
      new CircuitBreaker(),
    );
    expect(res.providerId).toBe('fallback');
  });

  it('silence between chunks: an idle timeout too, partial once text arrived', async () => {
    server = await serveTranscripts(() => ({ transcript: transcript('stall-mid-stream'), hold: true }));
    const provider = openAiProvider({ id: 'o', baseUrl: server.url, apiKey: 'k' }, nodeHttpStreamer);
    const deltas: string[] = [];
    const failure = await failureOf(
      provider.complete(req, limits({ firstByteTimeoutMs: 5000, idleTimeoutMs: 200 }), (d) => deltas.push(d)),
    );
    expect(deltas).toEqual(['正在']);
    expect(failure).toMatchObject({ kind: 'timeout', partial: true, retryable: false });
  });

  it('keep-alive comments reset the idle timer, but the deadline always applies', async () => {
    const trickle = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const timer = setInterval(() => res.write(': keep-alive\n\n'), 40);
      res.on('close', () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => trickle.listen(0, '127.0.0.1', resolve));
    const { port } = trickle.address() as AddressInfo;
    try {
      const err = await nodeHttpStreamer(
        {
          url: `http://127.0.0.1:${port}`,
          headers: {},
          body: '{}',
          connectTimeoutMs: 1000,
          firstByteTimeoutMs: 150,
          deadline: Date.now() + 600,
        },
        () => undefined,
      ).catch((e: unknown) => e);
      expect(err).toMatchObject({ kind: 'deadline' });
    } finally {
      trickle.closeAllConnections();
      await new Promise<void>((resolve) => trickle.close(() => resolve()));
    }
  });

  it('a whole recorded stream over real HTTP still comes through', async () => {
    server = await serveTranscripts(() => ({ transcript: transcript('moonshot-usage-in-choice') }));
    const res = await openAiProvider({ id: 'o', baseUrl: server.url, apiKey: 'k' }, nodeHttpStreamer).complete(
      req,
      limits({ firstByteTimeoutMs: 500 }),
      () => undefined,
    );
    expect(res.usage).toEqual({ input: 19, cachedInput: 10, output: 13 });
  });
});
