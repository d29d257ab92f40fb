import { dayKey, formatClock, formatDay, formatRelative } from '../../miniprogram/utils/dates';

// Local times, so the test holds in any time zone the machine is set to.
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi).toISOString();
const now = new Date(2026, 10, 22, 9, 30); // 2026-11-22 09:30 local

describe('relative dates', () => {
  it.each([
    [at(2026, 11, 22, 0, 0), '今天', '今天 00:00'],
    [at(2026, 11, 22, 20, 5), '今天', '今天 20:05'],
    [at(2026, 11, 21, 23, 59), '昨天', '昨天 23:59'],
    [at(2026, 11, 21, 0, 1), '昨天', '昨天 00:01'],
    [at(2026, 11, 20, 20, 5), '11月20日', '11月20日 20:05'],
    [at(2026, 1, 1, 8, 0), '1月1日', '1月1日 08:00'],
    [at(2025, 11, 20, 20, 5), '2025年11月20日', '2025年11月20日'],
    [at(2025, 12, 31, 23, 0), '2025年12月31日', '2025年12月31日'],
  ])('%s → %s / %s', (iso, day, moment) => {
    expect(formatDay(iso, now)).toBe(day);
    expect(formatRelative(iso, now)).toBe(moment);
  });

  it('says 昨天 on the first of a month and a year', () => {
    const newYear = new Date(2027, 0, 1, 0, 10);
    expect(formatDay(at(2026, 12, 31, 23, 50), newYear)).toBe('昨天');
    expect(formatDay(at(2026, 12, 30, 23, 50), newYear)).toBe('2026年12月30日');
  });

  it('gives the clock and a day key, and nothing for a bad time', () => {
    expect(formatClock(at(2026, 11, 22, 7, 3))).toBe('07:03');
    expect(dayKey(at(2026, 11, 22, 7, 3))).toBe(dayKey(at(2026, 11, 22, 23, 59)));
    expect(dayKey(at(2026, 11, 22, 7, 3))).not.toBe(dayKey(at(2026, 11, 21, 23, 59)));
    for (const f of [formatDay, formatRelative, formatClock, dayKey]) expect(f('not a time')).toBe('');
  });

  it('uses the real clock when no now is given', () => {
    expect(formatDay(new Date().toISOString())).toBe('今天');
  });
});
