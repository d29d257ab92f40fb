import { RE2JS } from 're2js';
import type { PlatformDeps } from '../platform/context';
import { getDoc } from '../platform/database';
import type { CustomRules, PatternFinder } from '../privacy/types';

export const PRIVACY_RULES_DOC = 'privacy-rules';

/** How much a merchant may configure: every rule runs over every prompt. */
export const PRIVACY_RULE_LIMITS = { terms: 200, termChars: 50, patterns: 50, patternChars: 200 } as const;

export interface RuleProblem {
  field: 'terms' | 'patterns';
  index: number;
  problem: string;
}

class EmptyPattern extends Error {}

/**
 * Merchant patterns run on RE2's linear-time engine (re2js, a pure-JavaScript port): a pattern such as
 * `(a+)+$`, which makes a backtracking engine double its time with every character, costs the same
 * as any other. RE2 has no backreferences or lookaround; such patterns are refused with a reason.
 * `\uXXXX`, as people write it in JavaScript, is accepted and read as RE2's `\x{XXXX}`.
 */
export function compilePattern(pattern: string): PatternFinder {
  const re = RE2JS.compile(pattern.replace(/\\u([0-9A-Fa-f]{4})/g, '\\x{$1}'));
  // A pattern that matches nothing at all (`a*`) would hide nothing but cost a scan: refused as a mistake.
  if (re.matches('')) throw new EmptyPattern();
  return (text) => {
    const found: Array<[number, number]> = [];
    const m = re.matcher(text);
    while (m.find()) if (m.end() > m.start()) found.push([m.start(), m.end()]);
    return found;
  };
}

/** Checks a rules document as the merchant wrote it: what is usable, and what is not and why. */
export function checkPrivacyRules(raw: { terms?: unknown; patterns?: unknown } | null | undefined): {
  terms: string[];
  patterns: Array<{ source: string; find: PatternFinder }>;
  problems: RuleProblem[];
} {
  const problems: RuleProblem[] = [];
  const list = (field: 'terms' | 'patterns', value: unknown, max: number, maxChars: number): string[] => {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      problems.push({ field, index: -1, problem: '应为文本列表' });
      return [];
    }
    const kept: string[] = [];
    value.forEach((item: unknown, index) => {
      if (typeof item !== 'string' || item.trim().length === 0) problems.push({ field, index, problem: '应为非空文本' });
      else if (item.length > maxChars) problems.push({ field, index, problem: `不能超过 ${maxChars} 个字符` });
      else if (kept.length >= max) problems.push({ field, index, problem: `最多 ${max} 条` });
      else kept.push(item);
    });
    return kept;
  };
  const terms = list('terms', raw?.terms, PRIVACY_RULE_LIMITS.terms, PRIVACY_RULE_LIMITS.termChars).map((t) => t.trim());
  const patterns: Array<{ source: string; find: PatternFinder }> = [];
  list('patterns', raw?.patterns, PRIVACY_RULE_LIMITS.patterns, PRIVACY_RULE_LIMITS.patternChars).forEach((source, index) => {
    try {
      patterns.push({ source, find: compilePattern(source) });
    } catch (error) {
      const problem = error instanceof EmptyPattern ? '不能匹配空文本' : '不是可用的正则表达式（不支持反向引用和前后断言）';
      problems.push({ field: 'patterns', index, problem });
    }
  });
  return { terms, patterns, problems };
}

/**
 * The merchant's own terms and patterns (config document `privacy-rules`), redacted as CUSTOM. A rule
 * that cannot be used is left out and logged, so one bad rule never stops a chat.
 */
export async function loadCustomRules(deps: PlatformDeps): Promise<CustomRules> {
  const doc = await getDoc<{ terms?: unknown; patterns?: unknown }>(deps.db, 'config', PRIVACY_RULES_DOC);
  const checked = checkPrivacyRules(doc);
  if (checked.problems.length > 0) {
    deps.log.warn('privacy_rules_skipped', {
      problems: checked.problems.length,
      first: `${checked.problems[0]!.field}[${checked.problems[0]!.index}]`,
    });
  }
  return { terms: checked.terms, patterns: checked.patterns.map((p) => p.find) };
}
