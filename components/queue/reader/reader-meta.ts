import type { Clip } from '@/lib/model';

/** "Ada Author · Example · 3 Mar 2024 · 6 min read": what the clip knows, in that order, nothing for what it does not. */
export function readerMetaLine(clip: Pick<Clip, 'byline' | 'siteName' | 'publishedTime' | 'readingMinutes'>, locale?: string): string {
  return [clip.byline?.trim(), clip.siteName?.trim(), publishedDate(clip.publishedTime, locale), readingTime(clip.readingMinutes)].filter(Boolean).join(' · ');
}

/** Pages write dates Date cannot read ("Tuesday morning"); those are left out rather than shown as "Invalid Date". */
function publishedDate(value: string | null, locale?: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toLocaleDateString(locale, { dateStyle: 'medium' });
}

function readingTime(minutes: number | null): string | undefined {
  if (minutes === null) return undefined;
  return `${Math.max(1, Math.round(minutes))} min read`;
}
