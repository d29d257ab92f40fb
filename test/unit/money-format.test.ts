import fc from 'fast-check';
import { formatBalance, formatCost, formatYuan } from '../../shared/money/format';

/**
 * The one rule for amounts shown to people (issue 13): balances and top-ups in 元 to 2 decimals,
 * rounded toward zero so the app never shows more than the user has; per-message costs to 4
 * decimals, "不足 ¥0.0001" below that, ¥0.00 for nothing. These read the text back as a number and
 * compare it with the integer it came from.
 */

/** `¥1,234.56` → micro-yuan (the shown value, exactly). */
function shownMicro(text: string): number {
  const m = /^(-?)¥([\d,]+)\.(\d+)$/.exec(text);
  if (!m) throw new Error(`not an amount: ${text}`);
  const [, sign, whole, decimals] = m;
  const micro = Number(whole!.replace(/,/g, '')) * 1_000_000 + Number(decimals!.padEnd(6, '0'));
  return sign ? -micro : micro;
}

const amounts = fc.integer({ min: 0, max: 1e15 });

describe('formatBalance (balances and top-ups)', () => {
  it.each([
    [0, '¥0.00'],
    [1_239_000, '¥1.23'],
    [1_999_999, '¥1.99'],
    [30_000_000, '¥30.00'],
    [9_999, '¥0.00'],
    [10_000, '¥0.01'],
    [996_900, '¥0.99'],
    [1_234_567_890_000, '¥1,234,567.89'],
    [-500_000, '-¥0.50'],
    [-1_239_000, '-¥1.23'],
  ])('%d micro-yuan → %s', (micro, text) => {
    expect(formatBalance(micro)).toBe(text);
  });

  it('always shows exactly two decimals', () => {
    fc.assert(fc.property(amounts, (micro) => /^¥\d{1,3}(,\d{3})*\.\d{2}$/.test(formatBalance(micro))));
  });

  it('never shows more than the user has, and at most one fen less', () => {
    fc.assert(
      fc.property(amounts, (micro) => {
        const shown = shownMicro(formatBalance(micro));
        return shown <= micro && micro - shown < 10_000;
      }),
    );
  });

  it('shows a whole number of fen exactly', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e11 }), (fen) => shownMicro(formatBalance(fen * 10_000)) === fen * 10_000));
  });

  it('rounds a negative amount toward zero too (its size is never overstated)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e15 }), (micro) => {
        const shown = shownMicro(formatBalance(-micro));
        return shown <= 0 && -shown <= micro && micro + shown < 10_000;
      }),
    );
  });
});

describe('formatCost (what one message cost)', () => {
  it.each([
    [0, '¥0.00'],
    [1, '不足 ¥0.0001'],
    [99, '不足 ¥0.0001'],
    [100, '¥0.0001'],
    [3_100, '¥0.0031'],
    [3_199, '¥0.0031'],
    [10_000, '¥0.0100'],
    [12_000, '¥0.0120'],
    [12_345_678, '¥12.3456'],
    [1_234_567_800, '¥1,234.5678'],
  ])('%d micro-yuan → %s', (micro, text) => {
    expect(formatCost(micro)).toBe(text);
  });

  it('always four decimals, never above the cost and at most ¥0.0001 below it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 1e13 }), (micro) => {
        const text = formatCost(micro);
        const shown = shownMicro(text);
        return /\.\d{4}$/.test(text) && shown <= micro && micro - shown < 100;
      }),
    );
  });

  it('never shows a real cost as zero', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99 }), (micro) => formatCost(micro) === '不足 ¥0.0001'));
  });

  it('refuses what is not an amount', () => {
    for (const bad of [1.5, NaN, -1]) expect(() => formatCost(bad)).toThrow();
    for (const bad of [0.1, Infinity]) expect(() => formatBalance(bad)).toThrow();
  });
});

describe('formatYuan (an amount of unknown kind: server messages)', () => {
  it('uses 2 decimals for whole fen and 4 otherwise, never 3', () => {
    expect(formatYuan(30_000_000)).toBe('¥30.00');
    expect(formatYuan(12_000)).toBe('¥0.0120');
    expect(formatYuan(3_100)).toBe('¥0.0031');
    expect(formatYuan(31)).toBe('不足 ¥0.0001');
    expect(formatYuan(-500_000)).toBe('-¥0.50');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), (micro) => {
        const text = formatYuan(micro);
        return /^(不足 )?¥[\d,]+\.(\d{2}|\d{4})$/.test(text) && (text.startsWith('不足') || shownMicro(text) <= micro);
      }),
    );
  });
});
