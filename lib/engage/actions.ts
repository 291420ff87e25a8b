import { NotFoundError } from '../errors';
import type { Account, InboxItem } from '../model';
import type { RemoteRef } from '../networks';
import { validRows } from '../store';
import type { EngageDeps } from './deps';
import { seenUpTo } from './unread';

/** What the inbox and listening do on the network besides replying: like, repost, read markers. */

export async function accountOf({ store }: EngageDeps, accountId: string): Promise<Account> {
  const row = await store.accounts.get(accountId);
  if (!row?.ok) throw new NotFoundError('That account is no longer in Cadence.');
  return row.value;
}

export async function react(deps: EngageDeps, accountId: string, ref: RemoteRef, how: 'like' | 'repost'): Promise<RemoteRef> {
  const adapter = deps.adapterFor(await accountOf(deps, accountId));
  return how === 'like' ? adapter.like(ref) : adapter.repost(ref);
}

/**
 * Marks items read or unread here, then moves each account's marker on the network as far as
 * every older item is read (see seenUpTo). Returns the accounts whose marker moved.
 */
export async function markRead(deps: EngageDeps, ids: string[], isRead: boolean): Promise<string[]> {
  const { store } = deps;
  const touched = new Set<string>();
  for (const id of ids) {
    const written = await store.inbox.update(id, (current) => (current && current.isRead !== isRead ? { ...current, isRead } : undefined));
    if (written) touched.add(written.accountId);
  }
  if (!isRead) return [];
  const moved: string[] = [];
  for (const accountId of touched) {
    const items: InboxItem[] = validRows(
      await store.inbox.list({ index: 'by-account-createdAt', query: IDBKeyRange.bound([accountId, 0], [accountId, Number.MAX_SAFE_INTEGER]) }),
    );
    const upTo = seenUpTo(items);
    const account = await store.accounts.get(accountId);
    if (upTo === null || !account?.ok || account.value.status !== 'connected') continue;
    // The poll cursor marks the newest item polled: only then may the marker go as far as it.
    const isNewest = items.every((item) => item.createdAt <= upTo.createdAt);
    const poll = await store.pollState.get(accountId);
    const cursor = isNewest && poll?.ok && poll.value.kind === 'account' ? poll.value.cursor : null;
    await deps.adapterFor(account.value).markSeen({ remoteId: upTo.remoteId, at: upTo.createdAt, cursor });
    moved.push(accountId);
  }
  return moved;
}
