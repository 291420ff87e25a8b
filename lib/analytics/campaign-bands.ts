import { DateTime } from 'luxon';

/**
 * Campaign bands for the calendar: a campaign runs from the local date of its first dated
 * delivery to that of its last, and every day in between carries its band — including days
 * with no post of it, which is where a gap in the plan shows.
 */
export function campaignBands(
  deliveries: { postId: string; dueAt: number | null }[],
  campaignOf: Record<string, string | null>,
  zone: string,
): Map<string, string[]> {
  const spans = new Map<string, { first: string; last: string }>();
  for (const delivery of deliveries) {
    const campaign = campaignOf[delivery.postId]?.trim();
    if (!campaign || delivery.dueAt === null) continue;
    const date = DateTime.fromMillis(delivery.dueAt, { zone }).toISODate()!;
    const span = spans.get(campaign);
    spans.set(campaign, span ? { first: date < span.first ? date : span.first, last: date > span.last ? date : span.last } : { first: date, last: date });
  }
  const bands = new Map<string, string[]>();
  for (const [campaign, { first, last }] of [...spans].sort(([a], [b]) => a.localeCompare(b))) {
    for (let day = DateTime.fromISO(first, { zone }); day.toISODate()! <= last; day = day.plus({ days: 1 })) {
      const date = day.toISODate()!;
      bands.set(date, [...(bands.get(date) ?? []), campaign]);
    }
  }
  return bands;
}
