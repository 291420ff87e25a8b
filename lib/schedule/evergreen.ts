import { DateTime } from 'luxon';
import { ValidationError } from '../errors';

/**
 * When an evergreen post (Post.evergreenDays) comes round again: `days` after it was published.
 *
 * With a `timeZone`, days are calendar days there, so a post published at 09:00 local comes
 * back at 09:00 local even across a DST change; without one, days are exact 24-hour spans.
 */
export function evergreenDueAt(publishedAt: number, days: number, timeZone?: string): number {
  if (!Number.isInteger(days) || days <= 0) throw new ValidationError('days must be a positive integer', { days });
  if (timeZone === undefined) return publishedAt + days * 86_400_000;
  const next = DateTime.fromMillis(publishedAt, { zone: timeZone }).plus({ days });
  if (!next.isValid) throw new ValidationError('unknown time zone', { timeZone });
  return next.toMillis();
}
