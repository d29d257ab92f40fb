import type { HttpStreamer } from '../../../platform/http-stream';
import { ProviderFailure, type Provider } from '../../types';
import { failureOfErrorEvent } from '../http-status';
import { sseCall } from '../sse-call';
import { normalizeUsage, requestBody, type StartUsage } from './transform';

export interface AnthropicConfig {
  id: string;
  baseUrl: string;
  apiKey: string;
}

interface AnthropicEvent {
  type?: string;
  message?: { usage?: StartUsage };
  delta?: { type?: string; text?: string; stop_reason?: string };
  usage?: { output_tokens?: number };
  error?: { type?: string; message?: string };
}

/** A whole Messages API answer, when an endpoint ignores `stream: true`. */
interface AnthropicMessage {
  content?: Array<{ type?: string; text?: string }>;
  stop_reason?: string | null;
  usage?: StartUsage & { output_tokens?: number };
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
      /** The endpoint ignored `stream: true` and sent the whole answer as one message. */
      let whole = false;
      await sseCall(
        stream,
        {
          url,
          headers: {
            'x-api-key': config.apiKey,
            'anthropic-version': '2023-06-01',
            'content-type': 'application/json',
            accept: 'text/event-stream',
          },
          body: JSON.stringify(requestBody(req)),
          ...limits,
        },
        {
          onEvent: (data, event) => {
            let e: AnthropicEvent;
            try {
              e = JSON.parse(data) as AnthropicEvent;
            } catch {
              throw new ProviderFailure('malformed', 'unreadable event', text.length > 0);
            }
            const type = event ?? e.type;
            if (type === 'message_start') start = e.message?.usage ?? {};
            else if (type === 'content_block_delta' && e.delta?.type === 'text_delta' && e.delta.text) {
              text += e.delta.text;
              onText(e.delta.text);
            } else if (type === 'message_delta') {
              stopReason = e.delta?.stop_reason ?? stopReason;
              output = e.usage?.output_tokens ?? output;
            } else if (type === 'message_stop') stopped = true;
            else if (type === 'error')
              throw failureOfErrorEvent(JSON.stringify(e.error ?? {}), e.error?.message ?? 'error event', text.length > 0);
          },
          onDocument: (doc) => {
            const message = doc as AnthropicMessage;
            whole = true;
            text = (message.content ?? []).map((block) => (block.type === 'text' && block.text ? block.text : '')).join('');
            stopReason = message.stop_reason ?? '';
            // Without its usage the answer cannot be billed: treated like a stream that never finished.
            start = message.usage ?? null;
            output = message.usage?.output_tokens ?? 0;
            stopped = !!message.usage && !!stopReason;
          },
          hasText: () => text.length > 0,
        },
      );
      if (stopReason === 'refusal') throw new ProviderFailure('content_filtered', 'the model refused', text.length > 0);
      if (!stopped || !start)
        throw whole
          ? new ProviderFailure('malformed', 'the answer came without its usage or stop reason', text.length > 0)
          : new ProviderFailure('network', 'the stream ended before the answer was complete', text.length > 0);
      // A whole answer reaches the caller in one piece, once it is known to be one.
      if (whole && text) onText(text);
      const truncated = stopReason === 'max_tokens' || stopReason === 'model_context_window_exceeded';
      return { text, usage: normalizeUsage(start, output), finishReason: stopReason || 'end_turn', ...(truncated ? { truncated } : {}) };
    },
  };
}
