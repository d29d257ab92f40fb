import type { HttpStreamer } from '../../../platform/http-stream';
import { ProviderFailure, type Provider, type Usage } from '../../types';
import { failureOfErrorEvent } from '../http-status';
import { sseCall } from '../sse-call';
import { normalizeUsage, requestBody, type ChatCompletion, type StreamChunk } from './transform';

export interface OpenAiConfig {
  id: string;
  baseUrl: string;
  apiKey: string;
}

export function openAiProvider(config: OpenAiConfig, stream: HttpStreamer): Provider {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    id: config.id,
    async complete(req, limits, onText) {
      let text = '';
      let usage: Usage | null = null;
      let finishReason = '';
      let malformed = false;
      /** The provider ignored `stream: true` and sent the whole answer as one chat.completion. */
      let whole = false;
      await sseCall(
        stream,
        {
          url,
          headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify(requestBody(req)),
          ...limits,
        },
        {
          onEvent: (data) => {
            if (data === '[DONE]') return;
            let chunk: StreamChunk;
            try {
              chunk = JSON.parse(data) as StreamChunk;
            } catch {
              malformed = true;
              return;
            }
            if (chunk.error) throw failureOfErrorEvent(JSON.stringify(chunk.error), chunk.error.message ?? 'error event', text.length > 0);
            const choice = chunk.choices?.[0];
            const delta = choice?.delta?.content;
            if (delta) {
              text += delta;
              onText(delta);
            }
            if (choice?.finish_reason) finishReason = choice.finish_reason;
            // Top-level usage (OpenAI sends it on a last chunk with `choices: []`), or inside the choice
            // (Moonshot/Kimi): either way the call is billed by it, so neither may be missed.
            const reported = chunk.usage ?? choice?.usage;
            if (reported) usage = normalizeUsage(reported);
          },
          onDocument: (doc) => {
            const completion = doc as ChatCompletion;
            const choice = completion.choices?.[0];
            whole = true;
            text = choice?.message?.content ?? '';
            finishReason = choice?.finish_reason ?? '';
            const reported = completion.usage ?? choice?.usage;
            if (reported) usage = normalizeUsage(reported);
          },
          hasText: () => text.length > 0,
        },
      );
      if (finishReason === 'content_filter')
        throw new ProviderFailure('content_filtered', 'the provider filtered the answer', text.length > 0);
      // OpenRouter reports a failure mid-answer as finish_reason "error", at times without an error
      // object; the usage chunk that may follow does not make the part that arrived an answer.
      if (finishReason === 'error') throw new ProviderFailure('server', 'the provider ended the answer with an error', text.length > 0);
      if (malformed && !text) throw new ProviderFailure('malformed', 'the provider sent an unreadable stream');
      if (!finishReason || !usage)
        throw whole
          ? new ProviderFailure('malformed', 'the answer came without its usage or finish reason', text.length > 0)
          : new ProviderFailure('network', 'the stream ended before the answer was complete', text.length > 0);
      // A whole answer reaches the caller in one piece, once it is known to be one.
      if (whole && text) onText(text);
      return { text, usage, finishReason, ...(finishReason === 'length' ? { truncated: true } : {}) };
    },
  };
}
