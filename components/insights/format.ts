import { DateTime } from 'luxon';

export const formatNumber = (n: number) => new Intl.NumberFormat('en').format(n);

/** The counts' keys are plural (lib/networks convert.ts: likes, reposts, replies, quotes): "1 like", "2 replies". */
const SINGULAR: Record<string, string> = { likes: 'like', reposts: 'repost', replies: 'reply', quotes: 'quote' };
export const countWords = (count: number, key: string) => `${formatNumber(count)} ${count === 1 ? (SINGULAR[key] ?? key) : key}`;

export const formatSigned = (n: number | null) => (n === null ? '—' : `${n > 0 ? '+' : ''}${formatNumber(n)}`);

/** "42 min", "3 h 5 min", "2 d 4 h": response times read at a glance. */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  const m = Math.round(minutes);
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
  return `${Math.floor(m / 1440)} d${Math.floor((m % 1440) / 60) ? ` ${Math.floor((m % 1440) / 60)} h` : ''}`;
}

export const formatWhen = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).setLocale('en').toFormat('ccc d LLL, HH:mm');

export const formatDay = (date: string) => DateTime.fromISO(date).setLocale('en').toFormat('d LLL');

/** "3 Mar – 9 Mar 2025", or "28 Dec 2024 – 3 Jan 2025" when the range crosses a year. */
export function formatDateRange(first: string, last: string): string {
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  return `${sameYear ? formatDay(first) : `${formatDay(first)} ${first.slice(0, 4)}`} – ${formatDay(last)} ${last.slice(0, 4)}`;
}
