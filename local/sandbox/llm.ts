import type * as http from 'node:http';
import type { RouteHandler } from '../host/server';

export const LLM_PREFIX = '/sandbox/llm';

/** One request as the fake model received it: what left the country, byte for byte. */
export interface RecordedRequest {
  at: string;
  headers: Record<string, string>;
  body: string;
}

interface Message {
  role: string;
  content: string;
}

/** Roughly how providers count: a token per CJK character, one per 4 other characters. */
function tokens(text: string): number {
  let cjk = 0;
  for (const ch of text) if (ch.charCodeAt(0) >= 0x2e80) cjk += 1;
  return cjk + Math.ceil((text.length - cjk) / 4);
}

/**
 * The fake model of the local cloud: an OpenAI-compatible `/v1/chat/completions` that answers
 * deterministically by quoting the prompt it received (so a developer sees exactly what left the
 * country), with realistic usage numbers, streaming or not. Failures are chosen by model name:
 * `*-timeout` (never answers), `*-slow` (first byte after 3 s), `*-429`, `*-500`, `*-malformed`,
 * `*-cutoff` (stream cut half-way), `*-filter` (content filter), `*-stall` (headers, then silence),
 * `*-risk` (DeepSeek's 400 content refusal), `*-json` (ignores `stream: true`: one JSON answer),
 * `*-length` (stops at the token limit, `finish_reason: "length"`), `*-retry-after` (429 with
 * `Retry-After: 1`), `*-noretry` (503 with `x-should-retry: false`).
 * Development only.
 */
export class FakeModel {
  readonly requests: RecordedRequest[] = [];
  /** Delay between streamed chunks, in ms. */
  chunkDelayMs = 2;
  /** Called as a chat request arrives (tests count what happened before the model heard of a chat). */
  onRequest?: () => void;
  /** Called as each streamed piece of the answer is written (measurements: when a token left the model). */
  onChunkSent?: (content: string) => void;

  route: RouteHandler = async (req, body, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.slice(LLM_PREFIX.length);
    if (path === '/requests' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(this.requests));
    }
    if (path !== '/v1/chat/completions' || req.method !== 'POST') {
      res.writeHead(404, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { message: `no route ${path}` } }));
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    this.requests.push({ at: new Date().toISOString(), headers, body: body.toString('utf8') });
    this.onRequest?.();
    if (this.requests.length > 2000) this.requests.splice(0, this.requests.length - 2000);
    await this.answer(req, body, res);
  };

  private async answer(_req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): Promise<void> {
    let payload: { model?: string; messages?: Message[]; stream?: boolean; max_tokens?: number; max_completion_tokens?: number };
    try {
      payload = JSON.parse(body.toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ error: { message: 'invalid JSON' } }));
    }
    const model = String(payload.model ?? 'fake');
    const error = (status: number, message: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify({ error: { message, type: 'fake_failure' } }));
    };
    if (model.endsWith('-timeout')) return; // never answers; the caller's timeouts must fire
    if (model.endsWith('-stall')) {
      // Headers and then nothing: only an idle timeout (not the first-byte one) can end this.
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      return void res.flushHeaders();
    }
    if (model.endsWith('-429')) return error(429, 'rate limited (fake)');
    if (model.endsWith('-500')) return error(500, 'internal error (fake)');
    if (model.endsWith('-retry-after')) return error(429, 'rate limited, come back in a second (fake)', { 'retry-after': '1' });
    if (model.endsWith('-noretry')) return error(503, 'overloaded, do not retry (fake)', { 'x-should-retry': 'false' });
    if (model.endsWith('-risk')) {
      // DeepSeek refuses content with a plain 400 typed as an invalid request.
      res.writeHead(400, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({
          error: { message: 'Content Exists Risk', type: 'invalid_request_error', param: null, code: 'invalid_request_error' },
        }),
      );
    }
    if (model.endsWith('-slow')) await new Promise((r) => setTimeout(r, 3000));

    const messages = payload.messages ?? [];
    const question = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const full = `我收到的内容是：「${question}」。这是本地模拟模型（${model}）的回答：已了解，请问还需要什么帮助？`;
    // `*-length` stops part-way, as an answer that reached its token limit does.
    const answer = model.endsWith('-length') ? [...full].slice(0, 12).join('') : full;
    const finishReason = model.endsWith('-filter') ? 'content_filter' : model.endsWith('-length') ? 'length' : 'stop';
    const completion = Math.min(tokens(answer), payload.max_tokens ?? payload.max_completion_tokens ?? Infinity);
    const prompt = messages.reduce((sum, m) => sum + tokens(m.content) + 4, 3);
    const usage = {
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      prompt_tokens_details: { cached_tokens: 0 },
    };

    if (!payload.stream || model.endsWith('-json')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(
        JSON.stringify({
          id: 'fake',
          object: 'chat.completion',
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: finishReason }],
          usage,
        }),
      );
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    const send = (obj: unknown) => res.write(`data: ${JSON.stringify(obj)}\n\n`);
    if (model.endsWith('-malformed')) {
      res.write('data: {"choices": [ this is not json\n\n');
      return void res.end();
    }
    const chars = [...answer];
    for (let i = 0; i < chars.length; i += 8) {
      if (model.endsWith('-cutoff') && i >= chars.length / 2) {
        // The connection drops half-way through the answer (after the first half has reached the caller).
        await new Promise((r) => setTimeout(r, 50));
        res.socket?.destroy();
        return;
      }
      const content = chars.slice(i, i + 8).join('');
      send({ id: 'fake', object: 'chat.completion.chunk', model, choices: [{ index: 0, delta: { content }, finish_reason: null }] });
      this.onChunkSent?.(content);
      if (this.chunkDelayMs > 0) await new Promise((r) => setTimeout(r, this.chunkDelayMs));
    }
    send({
      id: 'fake',
      object: 'chat.completion.chunk',
      model,
      choices: [{ index: 0, delta: {}, finish_reason: finishReason }],
    });
    send({ id: 'fake', object: 'chat.completion.chunk', model, choices: [], usage });
    res.write('data: [DONE]\n\n');
    res.end();
  }
}
