/**
 * When a feed is polled next: a pure function of what the last poll learnt (issue 22: back off on
 * errors, honour `ttl` and Retry-After). A good poll waits an hour, or the feed's `ttl` if longer;
 * a failed one waits 15 minutes, doubling with each failure in a row, at most a day; a server's
 * Retry-After is never cut short (but at most a week is believed).
 */
export const FEED_POLL = { everyMs: 60 * 60_000, firstRetryMs: 15 * 60_000, maxWaitMs: 24 * 60 * 60_000, maxRetryAfterMs: 7 * 24 * 60 * 60_000 } as const;

export function nextPollAt({
  now,
  failures,
  ttlMinutes,
  retryAt,
}: {
  now: number;
  failures: number;
  ttlMinutes: number | null;
  retryAt: number | null;
}): number {
  const wait =
    failures > 0
      ? Math.min(FEED_POLL.maxWaitMs, FEED_POLL.firstRetryMs * 2 ** (failures - 1))
      : Math.min(FEED_POLL.maxWaitMs, Math.max(FEED_POLL.everyMs, (ttlMinutes ?? 0) * 60_000));
  const asked = retryAt === null ? 0 : Math.min(retryAt, now + FEED_POLL.maxRetryAfterMs);
  return Math.max(now + wait, asked);
}
