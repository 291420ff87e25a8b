// Numbers only: the side panel's first bundle uses formatNumber (OpeningScreen), and the dates'
// luxon lives in ./format-dates.ts, for the views that show dates (issue 20).
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
