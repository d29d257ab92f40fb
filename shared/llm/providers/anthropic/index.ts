import type { HttpStreamer } from '../../../platform/http-stream';
import { SseParser } from '../../sse';
import { ProviderFailure, type Provider } from '../../types';
import { failureOfStatus, failureOfTransport } from '../http-status';
import { normalizeUsage, requestBody, type StartUsage } from './transform';

export interface AnthropicConfig {
  id: string;
  baseUrl: string;
  apiKey: string;
}

export function anthropicProvider(config: AnthropicConfig, stream: HttpStreamer): Provider {
  const url = `${config.baseUrl.replace(/\/+$/, '')}/v1/messages`;
  return {
    id: config.id,
    async complete(req, limits, onText) {
      let text = '';
      let start: StartUsage | null = null;
      let output = 0;
      let stopReason = '';
      let stopped = false;
      let errorBody = '';
      // A parse error inside the stream's data handler is kept and thrown once the call is over.
      let failure: unknown;
      const parser = new SseParser((data, event) => {
        let e: any;
        try {
          e = JSON.parse(data);
        } catch {
          throw new ProviderFailure('malformed', 'unreadable event', text.length > 0);
        }
        const type = event ?? e.type;
        if (type === 'message_start') start = e.message?.usage ?? {};
        else if (type === 'content_block_delta' && e.delta?.type === 'text_delta') {
          text += e.delta.text;
          onText(e.delta.text);
        } else if (type === 'message_delta') {
          stopReason = e.delta?.stop_reason ?? stopReason;
          output = e.usage?.output_tokens ?? output;
        } else if (type === 'message_stop') stopped = true;
        else if (type === 'error') {
          const kind = e.error?.type === 'overloaded_error' ? 'server' : e.error?.type === 'rate_limit_error' ? 'rate_limited' : 'server';
          throw new ProviderFailure(kind, e.error?.message ?? 'error event', text.length > 0);
        }
      });
      let status = 0;
      try {
        const res = await stream(
          {
            url,
            headers: { 'x-api-key': config.apiKey, 'anthropic-version': '2023-06-01', 'content-type': 'application/json', accept: 'text/event-stream' },
            body: JSON.stringify(requestBody(req)),
            ...limits,
          },
          (chunk) => {
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
      if (stopReason === 'refusal') throw new ProviderFailure('content_filtered', 'the model refused', text.length > 0);
      if (!stopped || !start) throw new ProviderFailure('network', 'the stream ended before the answer was complete', text.length > 0);
      return { text, usage: normalizeUsage(start, output), finishReason: stopReason || 'end_turn' };
    },
  };
}
