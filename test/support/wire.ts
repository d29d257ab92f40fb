/**
 * Replays recorded provider responses (`test/fixtures/llm/*.http`) through the real provider code:
 * with a fake HttpStreamer that cuts the body at awkward places, or over a local HTTP server for
 * nodeHttpStreamer itself.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { HttpStreamer, StreamRequest } from '../../shared/platform/http-stream';

const DIR = path.join(__dirname, '../fixtures/llm');

/** One provider response: status, headers (lower-case names) and the body byte for byte. */
export interface Transcript {
  name: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export function transcript(name: string): Transcript {
  const raw = fs.readFileSync(path.join(DIR, `${name}.http`));
  const cut = raw.indexOf('\r\n\r\n');
  if (cut < 0) throw new Error(`${name}: no blank line after the headers`);
  const [statusLine = '', ...lines] = raw.subarray(0, cut).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(statusLine)?.[1]);
  if (!status) throw new Error(`${name}: no status line`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { name, status, headers, body: raw.subarray(cut + 4) };
}

export type Replay = HttpStreamer & { requests: StreamRequest[] };

/**
 * Answers successive calls with the given transcripts (the last one repeats), the body in chunks of
 * `chunkSize` bytes — inside UTF-8 characters and SSE lines too. Records each request.
 */
export function replay(transcripts: Transcript | Transcript[] | ((r: StreamRequest) => Transcript), chunkSize = 7): Replay {
  const requests: StreamRequest[] = [];
  const pick = (r: StreamRequest): Transcript => {
    if (typeof transcripts === 'function') return transcripts(r);
    const list = Array.isArray(transcripts) ? transcripts : [transcripts];
    return list[Math.min(requests.length - 1, list.length - 1)]!;
  };
  const fn = (async (r, onData) => {
    requests.push(r);
    const t = pick(r);
    for (let i = 0; i < t.body.length; i += chunkSize) onData(t.body.subarray(i, i + chunkSize));
    return { status: t.status, headers: { ...t.headers } };
  }) as Replay;
  fn.requests = requests;
  return fn;
}

export interface WireServer {
  url: string;
  /** Request bodies received, in order. */
  bodies: string[];
  close(): Promise<void>;
}

/**
 * Serves a transcript per request on 127.0.0.1: headers first (flushed), then the body. With `hold`
 * the connection stays open after the body, as a provider that goes silent would leave it.
 */
export async function serveTranscripts(
  answer: (body: string, n: number) => { transcript: Transcript; hold?: boolean },
): Promise<WireServer> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      bodies.push(body);
      const { transcript: t, hold } = answer(body, bodies.length);
      res.writeHead(t.status, t.headers);
      res.flushHeaders();
      if (t.body.length > 0) res.write(t.body);
      if (!hold) res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
