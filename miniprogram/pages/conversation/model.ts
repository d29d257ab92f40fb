import type { ApiFunctions } from '../../api/client';
import type { ChatStream } from '../../api/stream';
import { PrivacySession } from '../../generated/shared';

/** Highlighted pieces of the composer text: what will be hidden before sending. */
export function previewSegments(text: string): Array<{ text: string; hidden: boolean; label: string }> {
  if (!text) return [];
  const { entities } = new PrivacySession().redact(text);
  const out: Array<{ text: string; hidden: boolean; label: string }> = [];
  let at = 0;
  for (const e of entities) {
    if (e.start > at) out.push({ text: text.slice(at, e.start), hidden: false, label: '' });
    out.push({ text: text.slice(e.start, e.end), hidden: true, label: e.placeholder });
    at = e.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), hidden: false, label: '' });
  return out;
}

/** What one send carries: a new message, a retry (same requestId) or a regeneration (`regenerateOf`). */
export interface SendRequest {
  requestId: string;
  text: string;
  conversationId?: string;
  model?: string;
  regenerateOf?: string;
  /** Words the user marked as private (hidden in this and every later turn). */
  private?: string[];
}

type SendResult = ReturnType<ApiFunctions['chat.send']> extends Promise<infer R> ? R : never;

/** An answer that will not change any more: finished, or stopped by the user (kept and charged). */
const settled = (status: string) => status === 'done' || status === 'stopped';

function payloadOf(input: SendRequest) {
  return {
    requestId: input.requestId,
    text: input.text,
    ...(input.conversationId ? { conversationId: input.conversationId } : {}),
    ...(input.model ? { model: input.model } : {}),
    ...(input.regenerateOf ? { regenerateOf: input.regenerateOf } : {}),
    ...(input.private && input.private.length > 0 ? { private: input.private } : {}),
  };
}

/**
 * Sends one message and follows it: `chat.send` runs until the answer is complete, while `chat.get`
 * is polled to show the answer growing. A timeout keeps following the message (the server finishes
 * it and charges once); any retry reuses the same requestId.
 */
export async function sendAndFollow(
  api: ApiFunctions,
  input: SendRequest,
  onProgress: (reply: string) => void,
  timers: { sleep(ms: number): Promise<void> },
): Promise<SendResult> {
  let done = false;
  const sending = api['chat.send'](payloadOf(input)).finally(() => {
    done = true;
  });
  void (async () => {
    while (!done) {
      await timers.sleep(700);
      if (done) break;
      const m = await api['chat.get']({ messageId: input.requestId });
      if (m.ok && m.data.reply && !done) onProgress(m.data.reply);
    }
  })();
  const res = await sending;
  // A timeout, or a duplicate of a request still being answered: follow the message until it settles.
  if ((!res.ok && res.kind === 'timeout') || (res.ok && !settled(res.data.status))) {
    // The function keeps going after the client gives up: follow the message until it settles.
    for (let i = 0; i < 60; i++) {
      const m = await api['chat.get']({ messageId: input.requestId });
      // The stored answer, with its cost and the balance: the same requestId charges nothing more.
      if (m.ok && settled(m.data.status)) return api['chat.send'](payloadOf(input));
      if (m.ok && m.data.status === 'failed')
        return {
          ok: false,
          kind: 'error',
          code: (m.data.error?.code ?? 'PROVIDER_UNAVAILABLE') as never,
          message: m.data.error?.message ?? '回答失败，未扣费',
        };
      if (m.ok && m.data.reply) onProgress(m.data.reply);
      await timers.sleep(1000);
    }
  }
  return res;
}

/**
 * Sends one message, streamed when the base library can (`stream`): the answer grows delta by delta.
 * Whatever cuts a stream short — no stream token, a lost connection, a timeout, a duplicate still
 * being written — hands over to `sendAndFollow` with the same requestId: it finds the message the
 * server is finishing (or finished) and never pays twice. An error event is the answer.
 */
export async function streamAndFollow(
  api: ApiFunctions,
  stream: ChatStream | null,
  input: SendRequest,
  onProgress: (reply: string) => void,
  timers: { sleep(ms: number): Promise<void> },
  onStart?: (ids: { conversationId: string; messageId: string }) => void,
): Promise<SendResult> {
  if (stream) {
    let shown = '';
    const res = await stream(payloadOf(input), {
      onStart,
      onDelta: (text) => {
        shown += text;
        onProgress(shown);
      },
    });
    if (res.ok && settled(res.data.status)) return res;
    if (!res.ok && res.kind === 'error') return res;
  }
  return sendAndFollow(api, input, onProgress, timers);
}

/**
 * Applies the latest value at most every `ms` (setData is costly on a phone): the first at once, the
 * rest when the interval is over. `flush` applies what is pending now; `cancel` drops it.
 */
export function throttled<T>(apply: (value: T) => void, ms: number, clock: { now(): number } = Date) {
  let last = -Infinity;
  let pending: { value: T } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = undefined;
    last = clock.now();
    apply(value);
  };
  return {
    push(value: T): void {
      pending = { value };
      const wait = last + ms - clock.now();
      if (wait <= 0) flush();
      else timer ??= setTimeout(flush, wait);
    },
    flush,
    cancel(): void {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
