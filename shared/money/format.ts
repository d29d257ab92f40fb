import { assertMicro } from './amount';

/**
 * Formats micro-yuan for people: `¥12.34`, `¥1,234.50`, `-¥0.50`; sub-fen amounts (a cheap answer)
 * keep up to 4 decimals (`¥0.0031`); a non-zero amount below ¥0.0001 shows as `<¥0.0001`, never as
 * `¥0.00`. Digits come from integer arithmetic, never from floats.
 */
export function formatYuan(micro: number): string {
  assertMicro(micro);
  if (micro === 0) return '¥0.00';
  const sign = micro < 0 ? '-' : '';
  const abs = Math.abs(micro);
  if (abs < 100) return `${sign === '-' ? '>-' : '<'}¥0.0001`;
  // Round half up to 4 decimals (units of 100 micro-yuan).
  const tenThousandths = Math.floor((abs + 50) / 100);
  const yuan = Math.floor(tenThousandths / 10_000);
  let decimals = String(tenThousandths % 10_000).padStart(4, '0');
  decimals = decimals.replace(/0{1,2}$/, '');
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${grouped}.${decimals}`;
}
