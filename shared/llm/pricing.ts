import type { Usage } from './types';

/** Prices in integer micro-yuan per million tokens, as the merchant sets them in the models table. */
export interface Prices {
  inputPerMillion: number;
  /** Cached input, when the provider reports a cache hit; defaults to the input price. */
  cachedInputPerMillion?: number;
  outputPerMillion: number;
}

/** The cost of a usage in micro-yuan, rounded up to the next micro-yuan. Integer arithmetic only. */
export function costOf(usage: Usage, prices: Prices): number {
  const cached = Math.min(usage.cachedInput, usage.input);
  const units =
    (usage.input - cached) * prices.inputPerMillion +
    cached * (prices.cachedInputPerMillion ?? prices.inputPerMillion) +
    usage.output * prices.outputPerMillion;
  if (!Number.isSafeInteger(units)) throw new Error('cost overflow');
  return Math.ceil(units / 1_000_000);
}

/** The most a call can cost: every estimated input token uncached, every allowed output token used. */
export function maxCostOf(estimatedInputTokens: number, maxOutputTokens: number, prices: Prices): number {
  return costOf({ input: estimatedInputTokens, cachedInput: 0, output: maxOutputTokens }, prices);
}
