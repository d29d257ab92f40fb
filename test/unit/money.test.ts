import fc from 'fast-check';
import { addMicro, assertMicro, fenToMicro, microToFen, MoneyError } from '../../shared/money/amount';

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
