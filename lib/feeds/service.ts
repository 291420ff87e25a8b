import type { BackgroundService, ServiceContext } from '../app/background-service';
import { ALARMS } from '../app/names';
import { AppError, NotFoundError } from '../errors';
import type { FEEDS_PROTOCOL } from '../messaging/protocols/feeds';
import { newId, type Clip, type Feed } from '../model';
import type { Fetch } from '../networks/types';
import { validRows, type Store } from '../store';
import { pollFeed } from './poll-feed';

export interface FeedsServiceDeps {
  /** The capture service's reading of a page in a tab (lib/capture/service.ts readPage). */
  readPage(tabId: number, pageUrl: string, workspaceId: string | null): Promise<{ clip: Clip; warning: string | null }>;
  fetch?: Fetch;
}

/**
 * Feeds into the queue (issue 22): follows, polls on the `feeds` alarm set at the earliest next
 * poll time of any feed (set again after every poll and at start-up), and "Read".
 * Feeds are polled one after another: a slow feed delays the others, never doubles a request.
 */
export function createFeedsService({ store, now, ports }: ServiceContext, deps: FeedsServiceDeps): BackgroundService<keyof typeof FEEDS_PROTOCOL> {
  const fetch: Fetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const pollDeps = { fetch, now, mayRead: (pattern: string) => ports.permissions.contains([pattern]) };
  const allFeeds = async (opened: Store) => validRows(await opened.feeds.list());

  const arm = async () => {
    const feeds = await allFeeds(await store);
    const next = feeds.reduce<number | null>((soonest, feed) => (soonest === null || feed.nextPollAt < soonest ? feed.nextPollAt : soonest), null);
    await ports.alarms.set(ALARMS.feeds, next === null ? null : Math.max(next, now() + 1_000));
  };
  const pollAll = async (feeds: Feed[]) => {
    const opened = await store;
    let added = 0;
    let errors = 0;
    for (const feed of feeds) {
      const result = await pollFeed(opened, feed.id, pollDeps);
      added += result.added;
      if (result.error) errors++;
    }
    await arm();
    return { polled: feeds.length, added, errors };
  };

  return {
    handlers: {
      'feeds.add': async ({ workspaceId, url }) => {
        const opened = await store;
        if (!(await opened.workspaces.get(workspaceId))?.ok) throw new NotFoundError('That workspace no longer exists.');
        const address = new URL(url).toString();
        const existing = (await opened.feeds.list({ index: 'by-workspace', query: workspaceId })).find((row) => row.ok && row.value.url === address);
        if (existing?.ok) return { feedId: existing.value.id, isNew: false, title: existing.value.title, added: 0, error: existing.value.error };
        const at = now();
        const feed = await opened.feeds.put({
          v: 1,
          id: newId('feed'),
          workspaceId,
          url: address,
          title: new URL(address).host,
          siteUrl: null,
          format: null,
          etag: null,
          lastModified: null,
          lastPolledAt: null,
          lastOkAt: null,
          nextPollAt: at,
          failures: 0,
          error: null,
          itemsAdded: 0,
          seen: [],
          createdAt: at,
        });
        const { added, error } = await pollFeed(opened, feed.id, pollDeps);
        await arm();
        const after = await opened.feeds.get(feed.id);
        return { feedId: feed.id, isNew: true, title: after?.ok ? after.value.title : feed.title, added, error };
      },
      'feeds.poll': async ({ feedId, workspaceId }) => {
        const feeds = (await allFeeds(await store)).filter((feed) => (feedId ? feed.id === feedId : workspaceId ? feed.workspaceId === workspaceId : true));
        if (feedId && feeds.length === 0) throw new NotFoundError('That feed is no longer followed.');
        return pollAll(feeds);
      },
      'feeds.read': async ({ clipId }) => {
        const row = await (await store).clips.get(clipId);
        if (!row?.ok) throw new NotFoundError('That clip is no longer in the queue.');
        const clip = row.value;
        if (!/^https?:\/\//i.test(clip.sourceUrl)) throw new AppError('cannot-capture', 'This item has no web page to read.');
        const tabId = await ports.tabs.openLoaded(clip.sourceUrl);
        const read = await deps.readPage(tabId, clip.sourceUrl, clip.workspaceIds[0] ?? null);
        return { clipId: read.clip.id, title: read.clip.title, kind: read.clip.kind, warning: read.warning };
      },
    },
    async onAlarm(name) {
      if (name !== ALARMS.feeds) return;
      const at = now();
      await pollAll((await allFeeds(await store)).filter((feed) => feed.nextPollAt <= at));
    },
    onStart: arm,
  };
}
