/**
 * Money is an integer number of micro-yuan (1 元 = 1,000,000; 1 分 = 10,000) everywhere inside Qiao,
 * and an integer number of fen at the WeChat Pay boundary. Model prices are fractions of a fen, so
 * fen alone would round every answer; micro-yuan keeps them exact while staying far inside the
 * safe-integer range (2^53 micro-yuan ≈ 9 billion 元).
 */
export const MICRO_PER_YUAN = 1_000_000;
export const MICRO_PER_FEN = 10_000;

export class MoneyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

/** Returns `n` if it is a safe integer amount; throws otherwise (floats, NaN, overflow, strings). */
export function assertMicro(n: unknown, what = 'amount'): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new MoneyError(`${what} must be a safe integer number of micro-yuan, got ${String(n)}`);
  }
  return n;
}

/** a + b, refusing results outside the safe-integer range. */
export function addMicro(a: number, b: number): number {
  const sum = assertMicro(a) + assertMicro(b);
  if (!Number.isSafeInteger(sum)) throw new MoneyError('amount overflow');
  return sum;
}

export function fenToMicro(fen: number): number {
  if (!Number.isSafeInteger(fen)) throw new MoneyError(`fen must be an integer, got ${String(fen)}`);
  const micro = fen * MICRO_PER_FEN;
  if (!Number.isSafeInteger(micro)) throw new MoneyError('amount overflow');
  return micro;
}

/** Exact conversion to fen; an amount with a fraction of a fen cannot be paid or refunded. */
export function microToFen(micro: number): number {
  assertMicro(micro);
  if (micro % MICRO_PER_FEN !== 0) throw new MoneyError(`${micro} micro-yuan is not a whole number of fen`);
  return micro / MICRO_PER_FEN;
}
