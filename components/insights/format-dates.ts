import { DateTime } from 'luxon';

export const formatWhen = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).setLocale('en').toFormat('ccc d LLL, HH:mm');

export const formatDay = (date: string) => DateTime.fromISO(date).setLocale('en').toFormat('d LLL');

/** "3 Mar – 9 Mar 2025", or "28 Dec 2024 – 3 Jan 2025" when the range crosses a year. */
export function formatDateRange(first: string, last: string): string {
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  return `${sameYear ? formatDay(first) : `${formatDay(first)} ${first.slice(0, 4)}`} – ${formatDay(last)} ${last.slice(0, 4)}`;
}
