import { checkPrivacyRules, compilePattern, PRIVACY_RULE_LIMITS } from '../../shared/chat/privacy-rules';
import { PrivacySession } from '../../shared/privacy/session';

describe('merchant privacy rules', () => {
  it('hides terms and patterns as CUSTOM', () => {
    const rules = checkPrivacyRules({ terms: ['蓝鲸项目'], patterns: ['HT-\\d{6}', '工号\\s*\\d{5}'] });
    expect(rules.problems).toEqual([]);
    const session = new PrivacySession(undefined, { custom: { terms: rules.terms, patterns: rules.patterns.map((p) => p.find) } });
    expect(session.redact('蓝鲸项目合同 HT-202401，工号 12345').redacted).toBe('[CUSTOM_1]合同 [CUSTOM_2]，[CUSTOM_3]');
  });

  it('runs a catastrophic-backtracking pattern in linear time', () => {
    const find = compilePattern('(a+)+$');
    // A backtracking engine needs ~2^40 steps here; RE2 answers at once.
    const text = 'a'.repeat(40) + 'b';
    const started = process.hrtime.bigint();
    expect(find(text)).toEqual([]);
    // Not a speed assertion (CI machines are noisy): a backtracking engine would not return at all.
    expect(Number(process.hrtime.bigint() - started)).toBeGreaterThan(0);
    expect(find('aaaa')).toEqual([[0, 4]]);
  });

  it('accepts \\uXXXX as JavaScript writes it', () => {
    expect(compilePattern('[\\u4e00-\\u9fa5]{2}号')('住在幸福号楼')).toEqual([[2, 5]]);
  });

  it('refuses what cannot run, with a reason in Chinese, and keeps the rest', () => {
    const checked = checkPrivacyRules({
      terms: ['ok', '', 42, 'x'.repeat(PRIVACY_RULE_LIMITS.termChars + 1)],
      patterns: ['(a)\\1', '(?<=x)y', 'a*', '(unclosed', 'ok\\d+'],
    });
    expect(checked.terms).toEqual(['ok']);
    expect(checked.patterns.map((p) => p.source)).toEqual(['ok\\d+']);
    expect(checked.problems.map((p) => `${p.field}[${p.index}]`)).toEqual([
      'terms[1]',
      'terms[2]',
      'terms[3]',
      'patterns[0]',
      'patterns[1]',
      'patterns[2]',
      'patterns[3]',
    ]);
    for (const p of checked.problems) expect(p.problem).toMatch(/[\u4e00-\u9fff]/);
  });

  it('caps how many rules run', () => {
    const many = Array.from({ length: PRIVACY_RULE_LIMITS.patterns + 5 }, (_, i) => `P${i}-\\d+`);
    const checked = checkPrivacyRules({ patterns: many });
    expect(checked.patterns).toHaveLength(PRIVACY_RULE_LIMITS.patterns);
    expect(checked.problems).toHaveLength(5);
  });

  it('treats a document of the wrong shape as no rules', () => {
    expect(checkPrivacyRules({ terms: 'all', patterns: null })).toMatchObject({ terms: [], patterns: [], problems: [{ field: 'terms' }] });
    expect(checkPrivacyRules(null)).toMatchObject({ terms: [], patterns: [], problems: [] });
  });
});
