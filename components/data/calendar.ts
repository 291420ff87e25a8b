import { useCallback } from 'react';
import { loadBestTimes } from '@/lib/analytics/best-time-history';
import { textFor } from '@/lib/compose/post-draft';
import { campaignQueue } from '@/lib/schedule/campaign-queue';
import { campaignsByPost } from '@/lib/schedule/campaigns-by-post';
import { reschedule } from '@/lib/schedule/queue-post';
import { queuedOf, swapSlots } from '@/lib/schedule/swap-slots';
import type { Account, Delivery, Post, Workspace } from '@/lib/model';
import { shownComment, shownWords } from '@/lib/schedule/shown-words';
import { validRows, type Store } from '@/lib/store';
import { useScheduleWrite } from './schedule';
import { useLiveQuery, useStore } from './store-context';
import { activeWorkspace } from './workspace';

export interface CalendarData {
  /** The range [from, to) this was read for: the view tells a previous range's data, still shown while the next loads. */
  range: { from: number; to: number };
  workspace: Workspace | null;
  accounts: Account[];
  deliveries: Delivery[];
  /** Campaign by post id, for the campaign bands: the posts that have one (lib/schedule/campaigns-by-post.ts). */
  campaigns: ReadonlyMap<string, string>;
}

/**
 * What the chips on screen say, by delivery id: the first part's text — what a published delivery
 * sent, else the account's text in the post — and whether the post was edited after it went out.
 */
export interface ChipWords {
  words: Record<string, { text: string; isEditedSince: boolean; comment?: string | null }>;
  /** Post.evergreenDays by post id, for the chips' "recycles every N days" mark. */
  evergreen: Record<string, number>;
}

const NO_CAMPAIGNS: ReadonlyMap<string, string> = new Map();

/**
 * The active workspace's accounts and its deliveries due in [from, to), through 'by-workspace-dueAt',
 * and its posts' campaigns through their index: no post row is read here. The chips' words are read
 * apart, for the chips on screen only (loadChipWords): a month of 2,000 posts shows about 100
 * (issue 20: every post of the month was read and parsed for them).
 */
export async function loadCalendar(store: Store, from: number, to: number): Promise<CalendarData> {
  const workspace = await activeWorkspace(store);
  const range = { from, to };
  if (!workspace || !(from < to)) return { range, workspace, accounts: [], deliveries: [], campaigns: NO_CAMPAIGNS };
  const id = workspace.id;
  const [accountRows, deliveryRows, campaigns] = await Promise.all([
    store.accounts.list({ index: 'by-workspace', query: id }),
    store.deliveries.list({ index: 'by-workspace-dueAt', query: IDBKeyRange.bound([id, from], [id, to], false, true) }),
    campaignsByPost(store, id),
  ]);
  const deliveries = validRows(deliveryRows).filter((delivery) => delivery.state !== 'cancelled');
  return { range, workspace, accounts: validRows(accountRows), deliveries, campaigns };
}

/** The words of `deliveries`' chips (ChipWords), their posts read in one transaction. */
export async function loadChipWords(store: Store, deliveries: readonly Delivery[]): Promise<ChipWords> {
  const posts = await store.posts.getMany([...new Set(deliveries.map((d) => d.postId))]);
  const postById = new Map<string, Post>();
  const evergreen: Record<string, number> = {};
  for (const row of posts) {
    if (!row?.ok) continue;
    postById.set(row.value.id, row.value);
    if (row.value.evergreenDays !== null) evergreen[row.value.id] = row.value.evergreenDays;
  }
  const words: ChipWords['words'] = {};
  for (const delivery of deliveries) {
    const post = postById.get(delivery.postId) ?? null;
    const shown = shownWords(delivery, post);
    const comment = shownComment(delivery, post);
    words[delivery.id] = { text: shown.parts[0] ?? '', isEditedSince: shown.isEditedSince, ...(comment === null ? {} : { comment }) };
  }
  return { words, evergreen };
}

export interface Queued {
  delivery: Delivery;
  /** The post's first line for that account, as the list shows it. */
  text: string;
}

/** Each account's next `shown` queued posts in order, read only while `isOpen` (null until then); hand-offs keep the server's time and are left out. */
export function useAccountQueues(accounts: Account[], isOpen: boolean, shown: number) {
  return useLiveQuery(
    ['deliveries', 'posts', 'accounts'],
    async (store) => {
      if (!isOpen) return null;
      const now = Date.now();
      return Promise.all(
        accounts.map(async (account) => {
          const rows = (await queuedOf(store, account.id, now)).filter((d) => d.method !== 'server-scheduled').slice(0, shown);
          const posts = await store.posts.getMany(rows.map((d) => d.postId));
          const queued: Queued[] = rows.map((delivery, at) => {
            const post = posts[at];
            return { delivery, text: post?.ok ? textFor(post.value, account.id).split('\n')[0]!.slice(0, 80) || 'No text' : 'This post could not be read' };
          });
          return { account, queued };
        }),
      );
    },
    [isOpen, accounts, shown],
  );
}

/** The active workspace's time zone, live: undefined while loading, null without a workspace. */
export function useActiveZone(): string | null | undefined {
  return useLiveQuery(['settings', 'workspaces'], async (store) => (await activeWorkspace(store))?.timeZone ?? null, []);
}

/** What the calendar shows for [from, to), live (loadCalendar). */
export function useCalendarRange(from: number, to: number): CalendarData | undefined {
  return useLiveQuery(['settings', 'workspaces', 'accounts', 'deliveries', 'posts'], (store) => loadCalendar(store, from, to), [from, to]);
}

/**
 * The words of the chips on screen, live (loadChipWords); `shown` changes when a day opens or the
 * range moves. Until the words of a new set are read, the last set's answer is kept.
 */
export function useChipWords(shown: readonly Delivery[]): ChipWords | undefined {
  const key = shown.map((delivery) => `${delivery.id}@${delivery.updatedAt}`).join(' ');
  // `key` names the shown deliveries and their versions: `shown` itself is a new array every render.
  return useLiveQuery(['deliveries', 'posts'], (store) => loadChipWords(store, shown), [key]);
}

/** The campaign's posts that wait, whatever their date (one read, when asked). */
export function useCampaignQueue() {
  const store = useStore();
  return useCallback((workspaceId: string, campaign: string) => campaignQueue(store, workspaceId, campaign), [store]);
}

/**
 * The accounts' best hours of the week from their own history, live; re-read after metrics
 * change (a post only teaches anything once its numbers have been read). `key` names what of
 * the accounts the answer depends on.
 */
export function useBestTimes(workspace: Workspace | null, accounts: Account[], key: string) {
  return useLiveQuery(['metrics', 'workspaces'], async (store) => (workspace ? loadBestTimes(store, workspace, accounts) : []), [
    workspace?.id,
    workspace?.timeZone,
    key,
  ]);
}

/** Moves one delivery to another instant; the background re-arms its publish alarm. */
export function useReschedule() {
  const scheduleWrite = useScheduleWrite();
  return useCallback((deliveryId: string, at: number) => scheduleWrite((store) => reschedule(store, deliveryId, at, Date.now())), [scheduleWrite]);
}

/** Trades two queued deliveries' slot times (lib/schedule/swap-slots.ts); the background is told. */
export function useSwapSlots() {
  const scheduleWrite = useScheduleWrite();
  return useCallback((deliveryId: string, otherId: string) => scheduleWrite((store) => swapSlots(store, deliveryId, otherId, Date.now())), [scheduleWrite]);
}
