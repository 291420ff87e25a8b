import type { Delivery } from '../model';

/**
 * How many posts a Mastodon server's scheduler holds for one account: 25 scheduled for the same
 * day and 300 in all (app/models/scheduled_status.rb, `DAILY_LIMIT` and `TOTAL_LIMIT`; the day is
 * the UTC date of `scheduled_at`, as the database compares it). Checked before the request, so
 * the user reads why in plain words; the server's own refusal says the same (hand-off.ts).
 */
export const HAND_OFF_DAILY_LIMIT = 25;
export const HAND_OFF_TOTAL_LIMIT = 300;

/** Whether this delivery is held by the server's scheduler, or being handed to it. */
export function isHeldByServer(d: Delivery): boolean {
  return d.method === 'server-scheduled' && (d.state === 'scheduled' || d.state === 'publishing');
}

const utcDay = (at: number) => new Date(at).toISOString().slice(0, 10);

/** Why the server would refuse one more hand-off due `at`, given the account's other deliveries; null when it would take it. */
export function handOffLimitRefusal(handle: string, at: number, others: readonly Delivery[]): string | null {
  const held = others.filter(isHeldByServer);
  const stays = 'It stays scheduled with Cadence, which needs the browser open at that time.';
  if (held.length >= HAND_OFF_TOTAL_LIMIT) {
    return `@${handle}'s Mastodon server already holds ${held.length} scheduled posts, and it holds at most ${HAND_OFF_TOTAL_LIMIT}. ${stays} Choose “Cancel hand-off” on the Calendar for another post to make room.`;
  }
  const sameDay = held.filter((d) => d.dueAt !== null && utcDay(d.dueAt) === utcDay(at)).length;
  if (sameDay >= HAND_OFF_DAILY_LIMIT) {
    return `@${handle}'s Mastodon server already holds ${sameDay} posts for ${utcDay(at)} (UTC), and it holds at most ${HAND_OFF_DAILY_LIMIT} a day. ${stays} Pick another day to hand it over.`;
  }
  return null;
}

/** The server's own refusal (the count changed on the server, through another app): the same plain words. */
export function isServerLimitRefusal(message: string): boolean {
  return /limit of \d+ scheduled (posts|statuses)/i.test(message);
}
