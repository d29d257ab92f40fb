import { formatYuan } from '../generated/shared';

export { formatYuan };

/** Fen (WeChat Pay's unit) as yuan: 3000 → ¥30.00. */
export function formatFen(fen: number): string {
  return formatYuan(fen * 10_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time in the phone's local time: 2026-11-22 20:05. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A client-made request id (UUID v4 shape), reused when the user retries the same message. */
export function newRequestId(random: () => number = Math.random): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(random() * 4)]}${hex(3)}-${hex(12)}`;
}
