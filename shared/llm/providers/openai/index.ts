import type { HttpStreamer } from '../../../platform/http-stream';
import { SseParser } from '../../sse';
import { ProviderFailure, type Provider, type Usage } from '../../types';
import { failureOfStatus, failureOfTransport } from '../http-status';
import { normalizeUsage, requestBody, type StreamChunk } from './transform';

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
      let errorBody = '';
      // A parse error inside the stream's data handler is kept and thrown once the call is over.
      let failure: unknown;
      let status = 0;
      let malformed = false;
      const parser = new SseParser((data) => {
        if (data === '[DONE]') return;
        let chunk: StreamChunk;
        try {
          chunk = JSON.parse(data) as StreamChunk;
        } catch {
          malformed = true;
          return;
        }
        if (chunk.error) throw new ProviderFailure('server', chunk.error.message ?? 'error event', text.length > 0);
        const choice = chunk.choices?.[0];
        const delta = choice?.delta?.content;
        if (delta) {
          text += delta;
          onText(delta);
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason;
        if (chunk.usage) usage = normalizeUsage(chunk.usage);
      });
      try {
        const res = await stream(
          {
            url,
            headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json', accept: 'text/event-stream' },
            body: JSON.stringify(requestBody(req)),
            ...limits,
          },
          (chunk) => {
            if (status === 0) status = -1;
            if (errorBody.length < 2000 && !text) errorBody += chunk.toString('utf8');
            try {
              parser.push(chunk);
            } catch (error) {
              failure ??= error;
            }
          },
        );
        status = res.status;
        parser.end();
      } catch (error) {
        if (failure) throw failure;
        throw failureOfTransport(error, text.length > 0);
      }
      if (failure) throw failure;
      if (status < 200 || status >= 300) throw failureOfStatus(status, errorBody);
      if (finishReason === 'content_filter') throw new ProviderFailure('content_filtered', 'the provider filtered the answer', text.length > 0);
      if (malformed && !text) throw new ProviderFailure('malformed', 'the provider sent an unreadable stream');
      if (!finishReason || !usage) throw new ProviderFailure('network', 'the stream ended before the answer was complete', text.length > 0);
      return { text, usage, finishReason };
    },
  };
}
