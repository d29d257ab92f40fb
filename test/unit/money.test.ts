import fc from 'fast-check';
import { addMicro, assertMicro, fenToMicro, microToFen, MoneyError } from '../../shared/money/amount';
import { formatYuan } from '../../shared/money/format';

describe('amounts', () => {
  it('converts fen to micro-yuan and back exactly', () => {
    fc.assert(fc.property(fc.integer({ min: -1e11, max: 1e11 }), (fen) => microToFen(fenToMicro(fen)) === fen));
  });

  it('refuses floats, NaN, strings and overflow', () => {
    for (const bad of [1.5, NaN, Infinity, '100', 2 ** 53]) expect(() => assertMicro(bad)).toThrow(MoneyError);
    expect(() => fenToMicro(0.5)).toThrow(MoneyError);
    expect(() => fenToMicro(2 ** 50)).toThrow(MoneyError);
    expect(() => addMicro(Number.MAX_SAFE_INTEGER, 1)).toThrow(MoneyError);
    expect(() => microToFen(10_001)).toThrow(/whole number of fen/);
  });
});

describe('formatYuan', () => {
  it.each([
    [0, '¥0.00'],
    [12_340_000, '¥12.34'],
    [30_000_000, '¥30.00'],
    [1_234_567_890_000, '¥1,234,567.89'],
    [3_100, '¥0.0031'],
    [10_050, '¥0.0101'],
    [12_345_678, '¥12.3457'],
    [-500_000, '-¥0.50'],
    [31, '<¥0.0001'],
  ])('%d micro-yuan → %s', (micro, text) => {
    expect(formatYuan(micro)).toBe(text);
  });

  it('never shows a non-zero amount as zero, and keeps at least two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e13 }), (micro) => {
        const text = formatYuan(micro);
        expect(text).not.toMatch(/^¥0\.0+$/);
        expect(text).toMatch(/^<?¥[\d,]+\.\d{2,4}$/);
      }),
    );
  });
});
