import type { ChatMessage } from './types';

/**
 * A conservative token estimate for holds, without a tokenizer (none is small enough for every
 * provider and the Mini Program): one token per CJK character, one per three other characters, a few
 * per message, plus a safety margin. Over-estimating only holds a little more money for a moment.
 */
export function estimateTokens(text: string): number {
  let cjk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x2e80) cjk += 1;
  }
  return cjk + Math.ceil((text.length - cjk) / 3);
}

export function estimateMessagesTokens(messages: ChatMessage[]): number {
  const raw = messages.reduce((sum, m) => sum + estimateTokens(m.content) + 6, 3);
  return Math.ceil(raw * 1.25);
}
