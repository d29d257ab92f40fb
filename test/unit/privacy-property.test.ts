import fc from 'fast-check';
import { PrivacySession } from '../../shared/privacy/session';
import { sentence } from '../support/pii-arbitraries';

describe('anonymizer properties', () => {
  it('never lets a generated identifier through, with or without its separators, and restores the text exactly', () => {
    fc.assert(
      fc.property(sentence, (s) => {
        const session = new PrivacySession();
        const { redacted } = session.redact(s.text);
        expect(redacted).not.toContain(s.value);
        const digits = s.value.replace(/\D/g, '');
        if (digits.length >= 7) expect(redacted.replace(/\D/g, '')).not.toContain(digits);
        expect(redacted).toContain(`[${s.type}_1]`);
        expect(session.restore(redacted)).toBe(s.text);
      }),
      { numRuns: 1500 },
    );
  });

  it('gives the same identifier the same placeholder in every turn, whatever its formatting', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 6 }), (turns) => {
        let state = new PrivacySession().state;
        const seen = new Map<string, string>();
        for (const t of turns) {
          const session = new PrivacySession(state); // as if loaded from storage for the next turn
          const { entities } = session.redact(t.text);
          const key = `${t.type}:${t.value
            .replace(/[\s\-·]/g, '')
            .toLowerCase()
            .replace(/^(?:\+?0{0,2}86)(?=1\d{10}$)/, '')}`;
          const placeholder = entities.find((e) => e.type === t.type)!.placeholder;
          if (seen.has(key)) expect(placeholder).toBe(seen.get(key));
          seen.set(key, placeholder);
          state = JSON.parse(JSON.stringify(session.state));
        }
      }),
      { numRuns: 300 },
    );
  });
});
