import { randomBytes, randomUUID } from 'node:crypto';

/** The id source of every handler: injected so tests get predictable ids. */
export interface IdSource {
  /** A random UUID v4. */
  uuid(): string;
  /** `n` random bytes as lower-case hex: unguessable tokens such as out_trade_no. */
  token(bytes: number): string;
}

export const randomIds: IdSource = {
  uuid: () => randomUUID(),
  token: (bytes) => randomBytes(bytes).toString('hex'),
};

/** Counts up: for tests that assert on ids. */
export function sequentialIds(prefix = 'id'): IdSource {
  let n = 0;
  return {
    uuid: () => {
      n += 1;
      return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    },
    token: (bytes) => {
      n += 1;
      return `${prefix}${n}`.padEnd(bytes * 2, '0').slice(0, bytes * 2);
    },
  };
}
