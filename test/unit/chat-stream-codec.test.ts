/** The chat stream's wire format, both ends: the function's encoder and the app's incremental decoder. */
import fc from 'fast-check';
import {
  encodeStreamEvent,
  SseParser,
  StreamDecoder,
  Utf8StreamDecoder,
  type SseMessage,
  type StreamEvent,
} from '../../shared/contracts/chat-stream';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

function decodeAll(chunks: Uint8Array[]): { events: StreamEvent[]; invalid: string[] } {
  const events: StreamEvent[] = [];
  const invalid: string[] = [];
  const decoder = new StreamDecoder(
    (e) => events.push(e),
    (name) => invalid.push(name),
  );
  for (const c of chunks) decoder.push(c);
  decoder.end();
  return { events, invalid };
}

/** Every way of cutting `all` in two, and in many small random pieces. */
function splitsOf(all: Uint8Array): Uint8Array[][] {
  const out: Uint8Array[][] = [];
  for (let i = 0; i <= all.length; i++) out.push([all.subarray(0, i), all.subarray(i)]);
  out.push(Array.from(all, (b) => Uint8Array.of(b)));
  return out;
}

const done: StreamEvent = {
  event: 'done',
  data: {
    conversationId: 'c1',
    messageId: 'm1',
    status: 'done',
    reply: '第一行\n\n第三行 😀',
    sent: '[PERSON_1]',
    usage: { input: 3, cachedInput: 0, output: 4 },
    cost: 12,
    balance: 100,
  },
};
const sample: StreamEvent[] = [
  { event: 'start', data: { conversationId: 'c1', messageId: 'm1' } },
  { event: 'delta', data: { text: '你好，张伟' } },
  { event: 'delta', data: { text: '\r\n空行之后\n\n还有 😀 和 𠮷' } },
  done,
];

describe('encodeStreamEvent', () => {
  it('frames one event as an event line, one data line of JSON and a blank line', () => {
    expect(encodeStreamEvent({ event: 'delta', data: { text: '一\n\n二' } })).toBe('event: delta\ndata: {"text":"一\\n\\n二"}\n\n');
    for (const e of sample) expect(encodeStreamEvent(e).slice(0, -2)).not.toMatch(/\n\n|\r/);
  });
});

describe('StreamDecoder', () => {
  const wire = bytes(sample.map(encodeStreamEvent).join(''));

  it('gives back the events, line breaks and all, however the bytes are split (inside characters and line ends too)', () => {
    for (const chunks of splitsOf(wire)) expect(decodeAll(chunks)).toEqual({ events: sample, invalid: [] });
  });

  it('skips comments (the runtime heartbeat) and reports events that break their schema', () => {
    const text = `: heartbeat\n\n${encodeStreamEvent(sample[0]!)}event: delta\ndata: {"text":1}\n\nevent: nope\ndata: {}\n\nevent: delta\ndata: not json\n\n`;
    expect(decodeAll([bytes(text)])).toEqual({ events: [sample[0]], invalid: ['delta', 'nope', 'delta'] });
  });

  it('drops a last event whose blank line never came (the connection broke)', () => {
    const text = encodeStreamEvent(sample[0]!) + encodeStreamEvent(sample[1]!).slice(0, -1);
    expect(decodeAll([bytes(text)]).events).toEqual([sample[0]]);
  });

  it('holds for any text and any split (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (texts, cuts) => {
          const events: StreamEvent[] = texts.map((text) => ({ event: 'delta', data: { text } }));
          const all = bytes(events.map(encodeStreamEvent).join(''));
          const points = [...new Set(cuts.map((c) => c % (all.length + 1)))].sort((a, b) => a - b);
          const chunks: Uint8Array[] = [];
          let at = 0;
          for (const p of points) {
            chunks.push(all.subarray(at, p));
            at = p;
          }
          chunks.push(all.subarray(at));
          expect(decodeAll(chunks).events).toEqual(events);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('SseParser', () => {
  const parse = (pieces: string[]) => {
    const out: SseMessage[] = [];
    const p = new SseParser((m) => out.push(m));
    for (const piece of pieces) p.push(piece);
    return out;
  };
  it('takes LF, CRLF and CR line ends, a CRLF split across pieces counting once', () => {
    const expected = [
      { event: 'a', data: '1' },
      { event: 'message', data: '2\n3' },
    ];
    expect(parse(['event: a\ndata: 1\n\ndata: 2\ndata: 3\n\n'])).toEqual(expected);
    expect(parse(['event: a\r\ndata: 1\r\n\r\ndata: 2\r\ndata: 3\r\n\r\n'])).toEqual(expected);
    expect(parse(['event: a\rdata: 1\r\rdata: 2\rdata: 3\r\r'])).toEqual(expected);
    expect(parse(['event: a\r', '\ndata: 1\r', '\n\r', '\ndata: 2\r\ndata: 3\r', '\n\r', '\n'])).toEqual(expected);
  });
  it('keeps a space after the first one, and ignores unknown fields and events without data', () => {
    expect(parse(['data:  two spaces\nid: 7\nretry: 10\n\nevent: empty\n\n'])).toEqual([{ event: 'message', data: ' two spaces' }]);
  });
});

describe('Utf8StreamDecoder', () => {
  it('decodes 1- to 4-byte characters split at every byte', () => {
    const text = 'aé中😀𠮷z';
    const all = bytes(text);
    for (const chunks of splitsOf(all)) {
      const d = new Utf8StreamDecoder();
      expect(chunks.map((c) => d.write(c)).join('') + d.end()).toBe(text);
    }
  });
  it('agrees with Node on any string, cut anywhere (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(), (text, cut) => {
        const all = bytes(text);
        const at = cut % (all.length + 1);
        const d = new Utf8StreamDecoder();
        expect(d.write(all.subarray(0, at)) + d.write(all.subarray(at)) + d.end()).toBe(Buffer.from(all).toString('utf8'));
      }),
      { numRuns: 500 },
    );
  });
  it('turns malformed bytes into U+FFFD, as TextDecoder does', () => {
    for (const raw of [[0xff], [0xc0, 0x80], [0xe4, 0xb8], [0xed, 0xa0, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xe4, 0x41], [0x80, 0x41]]) {
      const d = new Utf8StreamDecoder();
      const u = Uint8Array.from(raw);
      expect(d.write(u) + d.end()).toBe(new TextDecoder('utf-8').decode(u));
    }
  });
});
