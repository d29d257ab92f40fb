import { z } from 'zod';
import { chatContracts } from './chat';
import { ErrorBody } from './errors';

/**
 * The chat stream: what the HTTP function `chat` answers to `POST /send`, as server-sent events. Both
 * ends use this file: the function encodes with `encodeStreamEvent`, the app decodes with
 * `StreamDecoder` (bytes in any split → events), so nothing about the wire is written twice.
 *
 *   event: start  data: { conversationId, messageId }           the message exists (first event)
 *   event: delta  data: { text }                                restored text, in order
 *   event: done   data: the `chat.send` output                  reply, usage, cost, new balance (last event)
 *   event: error  data: { code, message, details? }             the envelope's error (last event)
 *
 * Every `data` is one line of JSON (JSON escapes line breaks), so a reply's blank lines survive
 * any SSE implementation. Comment lines (`: heartbeat`, sent by the runtime) carry nothing.
 */
export const StreamStart = z.object({ conversationId: z.string(), messageId: z.string() });
export const StreamDelta = z.object({ text: z.string() });
export const StreamDone = chatContracts['chat.send'].output;
export const StreamError = ErrorBody;

export const STREAM_EVENTS = { start: StreamStart, delta: StreamDelta, done: StreamDone, error: StreamError };
export type StreamEventName = keyof typeof STREAM_EVENTS;
export type StreamEvent = { [K in StreamEventName]: { event: K; data: z.infer<(typeof STREAM_EVENTS)[K]> } }[StreamEventName];

/** Body of `POST /send`: exactly the `chat.send` payload. */
export const StreamSendInput = chatContracts['chat.send'].input;

/** One event in SSE framing: `event:` line, one `data:` line of JSON, blank line. */
export function encodeStreamEvent(event: StreamEvent): string {
  return `event: ${event.event}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

/**
 * UTF-8 bytes → text, a chunk at a time, without TextDecoder (not on every phone's JavaScript engine).
 * A character split across chunks is held until its last byte arrives; malformed bytes become U+FFFD.
 */
export class Utf8StreamDecoder {
  private pending: number[] = [];

  write(bytes: Uint8Array): string {
    const all = this.pending.length ? Uint8Array.from([...this.pending, ...Array.from(bytes)]) : bytes;
    this.pending = [];
    let out = '';
    let i = 0;
    while (i < all.length) {
      const b = all[i]!;
      const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
      if (need < 0) {
        out += '\ufffd';
        i += 1;
        continue;
      }
      if (need === 0) {
        out += String.fromCharCode(b);
        i += 1;
        continue;
      }
      // Continuation bytes present so far; the second byte's range rules out overlongs and surrogates.
      let valid = 0;
      for (let k = 1; k <= need && i + k < all.length; k++) {
        const c = all[i + k]!;
        const lo = k === 1 && b === 0xe0 ? 0xa0 : k === 1 && b === 0xf0 ? 0x90 : 0x80;
        const hi = k === 1 && b === 0xed ? 0x9f : k === 1 && b === 0xf4 ? 0x8f : 0xbf;
        if (c < lo || c > hi) break;
        valid = k;
      }
      if (valid < need && i + valid + 1 >= all.length) {
        // The character goes on in the next chunk.
        this.pending = Array.from(all.subarray(i));
        break;
      }
      if (valid < need) {
        out += '\ufffd';
        i += valid + 1;
        continue;
      }
      let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
      for (let k = 1; k <= need; k++) cp = (cp << 6) | (all[i + k]! & 0x3f);
      if (cp >= 0x10000) {
        cp -= 0x10000;
        out += String.fromCharCode(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else out += String.fromCharCode(cp);
      i += need + 1;
    }
    return out;
  }

  /** The end of the stream: an unfinished character is malformed. */
  end(): string {
    const rest = this.pending.length ? '\ufffd' : '';
    this.pending = [];
    return rest;
  }
}

/** One event as SSE delivers it: its name (`message` when none was given) and its data lines joined. */
export interface SseMessage {
  event: string;
  data: string;
}

/**
 * The SSE event-stream format, parsed as text arrives: lines end in LF, CRLF or CR (a CR at the end of
 * one chunk and the LF at the start of the next are one line end); comments and unknown fields are
 * skipped; an event is dispatched at its blank line, and one without data is dropped (as browsers do).
 */
export class SseParser {
  private line = '';
  private afterCr = false;
  private event = '';
  private data: string[] = [];

  constructor(private readonly onMessage: (message: SseMessage) => void) {}

  push(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 && this.afterCr && i === start && this.line === '') {
        // The LF of a CRLF whose CR ended the previous piece.
        this.afterCr = false;
        start = i + 1;
        continue;
      }
      this.afterCr = false;
      if (ch === 10 || ch === 13) {
        this.line += text.slice(start, i);
        this.takeLine(this.line);
        this.line = '';
        if (ch === 13) {
          if (text.charCodeAt(i + 1) === 10) i += 1;
          else if (i + 1 === text.length) this.afterCr = true;
        }
        start = i + 1;
      }
    }
    this.line += text.slice(start);
  }

  private takeLine(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.onMessage({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
  }
}

/**
 * The app's side of the stream: bytes as the phone hands them over (any split, even inside a character
 * or a line) → typed events. An event that does not match its schema is reported as `invalid`.
 */
export class StreamDecoder {
  private readonly utf8 = new Utf8StreamDecoder();
  private readonly sse: SseParser;

  constructor(onEvent: (event: StreamEvent) => void, onInvalid: (name: string) => void = () => undefined) {
    this.sse = new SseParser(({ event, data }) => {
      const schema = (STREAM_EVENTS as Record<string, z.ZodTypeAny>)[event];
      if (!schema) return onInvalid(event);
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return onInvalid(event);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success) return onInvalid(event);
      onEvent({ event, data: parsed.data } as StreamEvent);
    });
  }

  push(bytes: Uint8Array): void {
    this.sse.push(this.utf8.write(bytes));
  }

  /** The connection ended: a last event without its blank line is not an event. */
  end(): void {
    this.sse.push(this.utf8.end());
  }
}
