import { CircuitBreaker } from '../../shared/llm/circuit-breaker';
import { costOf } from '../../shared/llm/pricing';
import { anthropicProvider } from '../../shared/llm/providers/anthropic';
import { openAiProvider } from '../../shared/llm/providers/openai';
import { normalizeUsage as openAiUsage } from '../../shared/llm/providers/openai/transform';
import { normalizeUsage as anthropicUsage } from '../../shared/llm/providers/anthropic/transform';
import { routeCompletion } from '../../shared/llm/router';
import { ProviderFailure, type Provider } from '../../shared/llm/types';
import type { HttpStreamer } from '../../shared/platform/http-stream';
import { StreamFailure } from '../../shared/platform/http-stream';

const limits = { connectTimeoutMs: 1000, firstByteTimeoutMs: 1000, deadline: Date.now() + 60_000 };
const req = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], maxOutputTokens: 100 };

/** A streamer that replays raw bytes, split at awkward places (inside UTF-8 characters too). */
function replay(status: number, raw: string, chunkSize = 7): HttpStreamer & { bodies: string[] } {
  const bodies: string[] = [];
  const fn = (async (r, onData) => {
    bodies.push(r.body);
    const bytes = Buffer.from(raw, 'utf8');
    for (let i = 0; i < bytes.length; i += chunkSize) onData(bytes.subarray(i, i + chunkSize));
    return { status, headers: {} };
  }) as HttpStreamer & { bodies: string[] };
  fn.bodies = bodies;
  return fn;
}

describe('usage normalization', () => {
  it('OpenAI and DeepSeek count cached tokens inside prompt_tokens', () => {
    expect(openAiUsage({ prompt_tokens: 100, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 60 } })).toEqual({
      input: 100,
      cachedInput: 60,
      output: 5,
    });
    expect(openAiUsage({ prompt_tokens: 100, completion_tokens: 5, prompt_cache_hit_tokens: 30 })).toEqual({
      input: 100,
      cachedInput: 30,
      output: 5,
    });
  });
  it('Anthropic counts cache reads and writes outside input_tokens', () => {
    expect(anthropicUsage({ input_tokens: 10, cache_read_input_tokens: 80, cache_creation_input_tokens: 10 }, 7)).toEqual({
      input: 100,
      cachedInput: 80,
      output: 7,
    });
  });
  it('prices cached input at its own price, rounding up to a micro-yuan', () => {
    expect(
      costOf(
        { input: 100, cachedInput: 80, output: 7 },
        { inputPerMillion: 3_000_000, cachedInputPerMillion: 300_000, outputPerMillion: 15_000_000 },
      ),
    ).toBe(60 + 24 + 105);
    expect(costOf({ input: 1, cachedInput: 0, output: 0 }, { inputPerMillion: 1, outputPerMillion: 1 })).toBe(1);
  });
});

describe('providers', () => {
  it('OpenAI-compatible: streams text, reads usage, sends no user field unless given', async () => {
    const sse =
      'data: {"choices":[{"delta":{"content":"你好，"}}]}\n\n' +
      'data: {"choices":[{"delta":{"content":"世界"},"finish_reason":"stop"}]}\n\n' +
      'data: {"choices":[],"usage":{"prompt_tokens":12,"completion_tokens":4,"prompt_tokens_details":{"cached_tokens":2}}}\n\ndata: [DONE]\n\n';
    const stream = replay(200, sse, 5);
    const deltas: string[] = [];
    const res = await openAiProvider({ id: 'o', baseUrl: 'http://x/v1', apiKey: 'k' }, stream).complete(req, limits, (d) => deltas.push(d));
    expect(res).toEqual({ text: '你好，世界', usage: { input: 12, cachedInput: 2, output: 4 }, finishReason: 'stop' });
    expect(deltas.join('')).toBe('你好，世界');
    expect(JSON.parse(stream.bodies[0]!)).not.toHaveProperty('user');
  });

  it('Anthropic: message events, system prompt as a field', async () => {
    const sse =
      'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":9,"cache_read_input_tokens":3}}}\n\n' +
      'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"OK"}}\n\n' +
      'event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":2}}\n\n' +
      'event: message_stop\ndata: {"type":"message_stop"}\n\n';
    const stream = replay(200, sse);
    const res = await anthropicProvider({ id: 'a', baseUrl: 'http://x', apiKey: 'k' }, stream).complete(
      { ...req, messages: [{ role: 'system', content: 'S' }, ...req.messages] },
      limits,
      () => undefined,
    );
    expect(res).toEqual({ text: 'OK', usage: { input: 12, cachedInput: 3, output: 2 }, finishReason: 'end_turn' });
    expect(JSON.parse(stream.bodies[0]!)).toMatchObject({ system: 'S', messages: [{ role: 'user', content: 'hi' }] });
  });

  it.each([
    [429, '{"error":{}}', 'rate_limited', true],
    [503, 'down', 'server', true],
    [401, 'bad key', 'rejected', false],
    [400, '{"error":{"code":"content_filter"}}', 'content_filtered', false],
  ])('classifies HTTP %i', async (status, body, kind, retryable) => {
    const err = await openAiProvider({ id: 'o', baseUrl: 'http://x', apiKey: 'k' }, replay(status, body))
      .complete(req, limits, () => undefined)
      .catch((e: ProviderFailure) => e);
    expect(err).toMatchObject({ kind, retryable });
  });

  it('a stream that ends early is a failure, partial when text had arrived', async () => {
    const err = await openAiProvider(
      { id: 'o', baseUrl: 'http://x', apiKey: 'k' },
      replay(200, 'data: {"choices":[{"delta":{"content":"半"}}]}\n\n'),
    )
      .complete(req, limits, () => undefined)
      .catch((e: ProviderFailure) => e);
    expect(err).toMatchObject({ kind: 'network', partial: true, retryable: false });
  });

  it('timeouts from the transport are retryable before any text', async () => {
    const stalled: HttpStreamer = async () => {
      throw new StreamFailure('first_byte_timeout', 'no answer');
    };
    const err = await openAiProvider({ id: 'o', baseUrl: 'http://x', apiKey: 'k' }, stalled)
      .complete(req, limits, () => undefined)
      .catch((e: ProviderFailure) => e);
    expect(err).toMatchObject({ kind: 'timeout', retryable: true });
  });
});

describe('router', () => {
  const ok = (id: string): Provider => ({
    id,
    complete: async () => ({ text: id, usage: { input: 1, cachedInput: 0, output: 1 }, finishReason: 'stop' }),
  });
  const failing = (id: string, kind: ProviderFailure['kind'], partial = false): Provider => ({
    id,
    complete: async () => {
      throw new ProviderFailure(kind, kind, partial);
    },
  });

  it('falls back on retryable failures only', async () => {
    const breaker = new CircuitBreaker();
    await expect(
      routeCompletion(
        [
          { provider: failing('a', 'server'), model: 'm' },
          { provider: ok('b'), model: 'm' },
        ],
        req,
        limits,
        () => undefined,
        breaker,
      ),
    ).resolves.toMatchObject({ providerId: 'b', attempts: 2 });
    await expect(
      routeCompletion(
        [
          { provider: failing('a', 'rejected'), model: 'm' },
          { provider: ok('b'), model: 'm' },
        ],
        req,
        limits,
        () => undefined,
        breaker,
      ),
    ).rejects.toMatchObject({ code: 'PROVIDER_REJECTED' });
    await expect(
      routeCompletion(
        [
          { provider: failing('a', 'network', true), model: 'm' },
          { provider: ok('b'), model: 'm' },
        ],
        req,
        limits,
        () => undefined,
        breaker,
      ),
    ).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', details: { partial: true } });
  });

  it('opens the circuit after repeated failures and skips the provider until the cooldown ends', async () => {
    const breaker = new CircuitBreaker(2, 1000);
    let t = 0;
    const calls: string[] = [];
    const flaky: Provider = {
      id: 'x',
      complete: async () => {
        calls.push('x');
        throw new ProviderFailure('server', 'down');
      },
    };
    for (let i = 0; i < 2; i++)
      await routeCompletion(
        [
          { provider: flaky, model: 'm' },
          { provider: ok('y'), model: 'm' },
        ],
        req,
        limits,
        () => undefined,
        breaker,
        () => t,
      );
    await routeCompletion(
      [
        { provider: flaky, model: 'm' },
        { provider: ok('y'), model: 'm' },
      ],
      req,
      limits,
      () => undefined,
      breaker,
      () => t,
    );
    expect(calls).toHaveLength(2);
    t = 2000;
    await routeCompletion(
      [
        { provider: flaky, model: 'm' },
        { provider: ok('y'), model: 'm' },
      ],
      req,
      limits,
      () => undefined,
      breaker,
      () => t,
    );
    expect(calls).toHaveLength(3);
  });
});
