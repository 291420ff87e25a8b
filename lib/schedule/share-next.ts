import { DateTime } from 'luxon';
import tlds from 'tlds';
import { saveClip } from '../capture/save-clip';
import { AppError, ValidationError } from '../errors';
import { unschedule } from '../publish/actions';
import { blankPost, chooseAccount } from '../compose/post-draft';
import { newId, type Account, type ClipCapture, type Delivery, type Post } from '../model';
import { validRows, type Store } from '../store';
import { addToQueue, savePost } from './queue-post';

/**
 * "Share next" on a post or page: file the clip, write a post from it (its title and link, with a
 * credit line in each network's own form), and queue it in each account's next free slot.
 *
 * Invariants:
 * - the clip is saved whatever happens next: a refusal to queue never loses the capture;
 * - a post is written only when at least one account can take it, so a refusal leaves no draft;
 * - the accounts are the active workspace's connected ones that have posting slots, API and
 *   reminder alike; a disconnected account is named in the answer, not queued;
 * - the answer is one plain sentence the button's status reads out, in the workspace's zone;
 * - pressing it again for something already waiting in the queue queues nothing more: it says
 *   where it already is (a second click must never become a second post).
 */
export interface ShareNextResult {
  clipId: string;
  postId: string | null;
  queued: { accountId: string; handle: string; dueAt: number }[];
  message: string;
}

// The list @atproto/api's RichText links bare domains by (a dependency of it; named in package.json because it is read here).
const TOP_LEVEL_DOMAINS: ReadonlySet<string> = new Set(tlds);

export const NO_SCHEDULE = 'Clipped, not queued: add a posting schedule in Settings first.';
export const NO_ACCOUNT = 'Clipped, not queued: connect an account in Settings first.';
export const NO_WORKSPACE = 'Clipped, not queued: choose a workspace in Cadence first.';

export async function shareNext(
  store: Store,
  capture: ClipCapture,
  { workspaceId, now }: { workspaceId: string | null; now: number },
): Promise<ShareNextResult> {
  const { clip } = await saveClip(store, capture, { workspaceId, now: () => now });
  const refuse = (message: string): ShareNextResult => ({ clipId: clip.id, postId: null, queued: [], message });
  const workspace = workspaceId ? await store.workspaces.get(workspaceId) : undefined;
  if (!workspaceId || !workspace?.ok) return refuse(NO_WORKSPACE);
  const accounts = validRows(await store.accounts.list({ index: 'by-workspace', query: workspaceId })).sort(
    (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
  );
  if (accounts.length === 0) return refuse(NO_ACCOUNT);
  const scheduled = accounts.filter((account) => account.schedule.length > 0);
  const ready = scheduled.filter((account) => account.status === 'connected');
  const waiting = scheduled.filter((account) => account.status !== 'connected');
  if (ready.length === 0) return refuse(waiting.length ? `Clipped, not queued: reconnect ${handles(waiting)} in Settings first.` : NO_SCHEDULE);

  const zone = workspace.value.timeZone;
  const already = await waitingFromClip(store, clip.id, workspaceId);
  if (already.length) {
    const byId = new Map(accounts.map((account) => [account.id, account]));
    const places = already.map(
      (delivery) =>
        `${slotLabel(delivery.dueAt ?? now, now, zone)} on ${byId.has(delivery.accountId) ? handleOf(byId.get(delivery.accountId)!) : delivery.accountId}`,
    );
    return { clipId: clip.id, postId: already[0]!.postId, queued: [], message: `Already queued for ${listOf(places)}.` };
  }

  // Sent without the user reading it: the page's title (a post's is its author's display name)
  // goes out inert, so a name like "Win big at evil.example @someone" links and tags nobody.
  let post: Post = blankPost(newId('post'), workspaceId, now, { ...clip, title: inertTitle(clip.title) });
  for (const account of ready) post = chooseAccount(post, account, clip);
  await savePost(store, post);
  let deliveries: Delivery[];
  try {
    deliveries = await addToQueue(store, { postId: post.id, accountIds: ready.map((account) => account.id), now });
  } catch (error) {
    // Over a network's limit (queue-check.ts): nothing is queued, and the clip is kept.
    if (!(error instanceof ValidationError)) throw error;
    return { clipId: clip.id, postId: post.id, queued: [], message: `Clipped, not queued: ${error.message}` };
  }
  await store.clips.update(clip.id, (current) => current && { ...current, status: 'used', updatedAt: now });

  const byId = new Map(ready.map((account) => [account.id, account]));
  const queued = deliveries.map((delivery) => ({
    accountId: delivery.accountId,
    handle: handleOf(byId.get(delivery.accountId)!),
    dueAt: delivery.dueAt ?? now,
  }));
  const places = queued.map((entry) => `${slotLabel(entry.dueAt, now, zone)} on ${entry.handle}`);
  const skipped = waiting.length ? ` Not on ${handles(waiting)}: reconnect first.` : '';
  return { clipId: clip.id, postId: post.id, queued, message: `Queued for ${listOf(places)}.${skipped}` };
}

/**
 * A title with nothing in it a network would turn into a link, a mention or a tag: addresses and
 * domain names go, `@` and `#` before a word go (the word stays). For text the user never sees
 * before it is posted from the brand's account; Compose leaves the user's own words alone.
 */
export function inertTitle(title: string): string {
  return title
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, ' ')
    .split(/(\s+)/)
    .filter((word) => !isDomainName(word))
    .join('')
    .replace(/[@#＠＃]+(?=[\p{L}\p{N}_])/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** "evil.com/win", "@victim.bsky.social", "me@home.com": a word holding what networks link as a domain, as Bluesky decides it (a known top-level domain). */
function isDomainName(word: string): boolean {
  for (const [, tld] of word.matchAll(/(?:[\p{L}\p{N}-]+\.)+(\p{L}{2,})(?![\p{L}\p{N}])/gu)) {
    if (TOP_LEVEL_DOMAINS.has(tld!.toLowerCase())) return true;
  }
  return false;
}

/** How long after a Share next its Undo works. */
export const UNDO_WINDOW_MS = 15 * 60_000;
export const TOO_LATE_TO_UNDO = 'Too late to undo here: open Cadence and move or remove the post on the Calendar.';

/**
 * "Undo" on a Share next: its post leaves the queue and is gone, as if never shared (the clip
 * stays, no longer marked used). Only a post Share next wrote from a clip, within UNDO_WINDOW_MS.
 * Each delivery is taken back by `unschedule`, the one read-check-write that races the publisher's
 * claim safely; one the publisher holds or already tried stays, and the answer says so.
 */
export async function undoShareNext(store: Store, postId: string, now: number): Promise<{ message: string }> {
  const row = await store.posts.get(postId);
  if (!row?.ok || !row.value.clipId || now - row.value.createdAt > UNDO_WINDOW_MS) return { message: TOO_LATE_TO_UNDO };
  const post = row.value;
  const deliveries = validRows(await store.deliveries.list({ index: 'by-post', query: postId }));
  const kept: Delivery[] = [];
  const taken: Delivery[] = [];
  for (const delivery of deliveries) {
    if (delivery.state === 'draft') continue;
    try {
      taken.push(await unschedule(store, delivery.id, now));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      kept.push(delivery);
    }
  }
  if (kept.length > 0) {
    const accounts = new Map(validRows(await store.accounts.list()).map((account) => [account.id, account]));
    const names = (list: Delivery[]) =>
      listOf(list.map((delivery) => (accounts.has(delivery.accountId) ? handleOf(accounts.get(delivery.accountId)!) : delivery.accountId)));
    const partly = taken.length > 0 ? `Taken out of the queue for ${names(taken)} (it waits as a draft); not` : 'Not undone';
    return { message: `${partly} for ${names(kept)}: Cadence is already sending it there. Look at the Calendar in Cadence.` };
  }
  for (const delivery of deliveries) await store.deliveries.delete(delivery.id);
  await store.posts.delete(post.id);
  await store.clips.update(post.clipId!, (current) => (current?.status === 'used' ? { ...current, status: 'new', updatedAt: now } : undefined));
  return { message: 'Undone: nothing was queued.' };
}

/** Deliveries of posts made from this clip that are still waiting to go out. */
async function waitingFromClip(store: Store, clipId: string, workspaceId: string): Promise<Delivery[]> {
  const posts = validRows(await store.posts.list({ index: 'by-clip', query: clipId })).filter((post) => post.workspaceId === workspaceId);
  const waiting: Delivery[] = [];
  for (const post of posts) {
    const deliveries = validRows(await store.deliveries.list({ index: 'by-post', query: post.id }));
    waiting.push(...deliveries.filter((delivery) => ['scheduled', 'publishing', 'retrying'].includes(delivery.state)));
  }
  return waiting.sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0));
}

/** "Tue 09:00" within the coming week, "Tue 1 Apr 09:00" beyond it: a weekday alone would be ambiguous. */
export function slotLabel(at: number, now: number, zone: string): string {
  const time = DateTime.fromMillis(at, { zone, locale: 'en-GB' });
  return time.toFormat(at - now < 6 * 86_400_000 ? 'ccc HH:mm' : 'ccc d LLL HH:mm');
}

function handleOf(account: Account): string {
  return account.handle.startsWith('@') ? account.handle : `@${account.handle}`;
}

function handles(accounts: Account[]): string {
  return listOf(accounts.map(handleOf));
}

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
