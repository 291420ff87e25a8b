import { originPattern } from '../capture/site-buttons/registrations';
import { saveClip } from '../capture/save-clip';
import { FEED_SEEN_LIMIT, type Feed } from '../model';
import type { Fetch } from '../networks/types';
import type { Store } from '../store';
import { feedItemCapture } from './feed-clip';
import { fetchFeed, FeedProblem } from './fetch-feed';
import { parseFeed, type ParsedFeed } from './parse-feed';
import { nextPollAt } from './poll-schedule';

export interface PollDeps {
  fetch: Fetch;
  now: () => number;
  /** Whether the browser lets Cadence read this origin pattern (an optional host permission). */
  mayRead(originPattern: string): Promise<boolean>;
}

/** New items a poll adds at most: a feed's first poll does not flood the queue with its archive. */
export const NEW_PER_POLL = 30;

/**
 * Polls one feed. Invariants:
 * - a failure (no permission, no answer, HTTP error, too large, not a feed, hostile XML) changes
 *   nothing but the feed's row: its `error`, `failures` and next poll time;
 * - an item becomes a `feed-item` clip of the feed's workspace only if no clip of any kind has its
 *   canonical address yet and the feed never brought it before (`seen`): deduplicated against
 *   everything already clipped, and an item the user deleted does not come back;
 * - a 304 keeps the validators and adds nothing.
 */
export async function pollFeed(store: Store, feedId: string, deps: PollDeps): Promise<{ added: number; error: string | null }> {
  const row = await store.feeds.get(feedId);
  // A damaged row is left as it is (Settings shows it flagged); only a valid one is polled.
  if (!row?.ok) return { added: 0, error: null };
  const feed = row.value;
  const at = deps.now();
  let parsed: ParsedFeed | null = null;
  let answer: Awaited<ReturnType<typeof fetchFeed>>;
  try {
    const origin = new URL(feed.url).origin;
    if (!(await deps.mayRead(originPattern(origin))))
      throw new FeedProblem(`Cadence may not read ${new URL(feed.url).host}: choose Allow on this feed to let it.`);
    answer = await fetchFeed(deps.fetch, feed, at);
    if (answer.kind === 'ok') parsed = parseFeed(answer.body, { feedUrl: feed.url, contentType: answer.contentType });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const retryAt = error instanceof FeedProblem ? error.retryAt : null;
    await store.feeds.update(
      feedId,
      (current) =>
        current && {
          ...current,
          lastPolledAt: at,
          failures: current.failures + 1,
          error: message,
          nextPollAt: nextPollAt({ now: at, failures: current.failures + 1, ttlMinutes: null, retryAt }),
        },
    );
    return { added: 0, error: message };
  }
  let added = 0;
  const seen = new Set(feed.seen);
  const fresh: string[] = [];
  for (const item of parsed?.items ?? []) {
    const capture = feedItemCapture(item, { title: parsed?.title || feed.title });
    if (seen.has(capture.url)) continue;
    seen.add(capture.url);
    fresh.push(capture.url);
    if (added >= NEW_PER_POLL) continue;
    const clipped = await store.clips.list({ index: 'by-url', query: capture.url, limit: 1 });
    if (clipped.length > 0) continue;
    // Still followed? A feed removed while it was being fetched files nothing.
    if (!(await store.feeds.get(feedId))) return { added, error: null };
    await saveClip(store, capture, { workspaceId: feed.workspaceId, now: deps.now });
    added++;
  }
  const ttl = parsed?.ttlMinutes ?? null;
  await store.feeds.update(
    feedId,
    (current): Feed | undefined =>
      current && {
        ...current,
        title: parsed?.title || current.title,
        siteUrl: parsed?.siteUrl ?? current.siteUrl,
        format: parsed?.format ?? current.format,
        etag: answer.kind === 'ok' ? answer.etag : current.etag,
        lastModified: answer.kind === 'ok' ? answer.lastModified : current.lastModified,
        lastPolledAt: at,
        lastOkAt: at,
        failures: 0,
        error: null,
        nextPollAt: nextPollAt({ now: at, failures: 0, ttlMinutes: ttl, retryAt: answer.retryAt }),
        itemsAdded: current.itemsAdded + added,
        seen: [...fresh, ...current.seen].slice(0, FEED_SEEN_LIMIT),
      },
  );
  return { added, error: null };
}
