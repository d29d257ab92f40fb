/**
 * Dates as people read them in a chat app, in the phone's local time, relative to `now`:
 * 今天 20:05 · 昨天 20:05 · 11月20日 (this year) · 2025年11月20日 (another year). Day headers drop the time.
 */

const pad = (n: number) => String(n).padStart(2, '0');

function parse(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Local midnight of `d`, as a day number (days between two dates, DST-proof). */
function dayNumber(d: Date): number {
  return Math.round(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) / 86_400_000);
}

/** The day `iso` falls on: 今天, 昨天, 11月20日, 2025年11月20日 ('' for a bad time). */
export function formatDay(iso: string, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return '';
  const days = dayNumber(now) - dayNumber(d);
  if (days === 0) return '今天';
  if (days === 1) return '昨天';
  const md = `${d.getMonth() + 1}月${d.getDate()}日`;
  return d.getFullYear() === now.getFullYear() ? md : `${d.getFullYear()}年${md}`;
}

/** A moment: 今天 20:05, 昨天 20:05, 11月20日 20:05, 2025年11月20日 ('' for a bad time). */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const d = parse(iso);
  if (!d) return '';
  const day = formatDay(iso, now);
  // Another year is far enough back that its time of day says nothing.
  return d.getFullYear() === now.getFullYear() ? `${day} ${formatClock(iso)}` : day;
}

/** The time of day alone: 20:05. */
export function formatClock(iso: string): string {
  const d = parse(iso);
  return d ? `${pad(d.getHours())}:${pad(d.getMinutes())}` : '';
}

/** A key that is equal for two times on the same local day (for grouping rows under a header). */
export function dayKey(iso: string): string {
  const d = parse(iso);
  return d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : '';
}
