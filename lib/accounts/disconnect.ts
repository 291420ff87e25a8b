import { NotFoundError } from '../errors';
import { credentialSchema, type Credential, type Delivery } from '../model';
import type { Store } from '../store';
import { PENDING_STATES } from '../workspaces/footprint';

export type ScheduledChoice = 'keep' | 'drafts';

/**
 * Disconnects an account in one transaction: its credential is deleted, it is marked
 * disconnected, and its deliveries that have not gone out either stay waiting for a reconnect
 * ('keep': the publisher holds deliveries of a disconnected account) or go back to drafts
 * ('drafts': unscheduled, lease and due time cleared). Published deliveries are never touched.
 * The sign-in it deleted is returned (never beyond the background) so the caller can end it at
 * the server too (lib/accounts/sign-out.ts); null when there was none or it was unreadable.
 */
export async function disconnectAccount(
  store: Store,
  accountId: string,
  scheduled: ScheduledChoice,
  now: () => number,
): Promise<{ moved: number; waiting: number; signIn: Credential['secret'] | null }> {
  const tx = store.db.transaction(['accounts', 'credentials', 'deliveries'], 'readwrite');
  const account = (await tx.objectStore('accounts').get(accountId)) as { status?: string } | undefined;
  if (!account) {
    tx.abort();
    await tx.done.catch(() => undefined); // the abort we just asked for
    throw new NotFoundError('That account no longer exists.');
  }
  const at = now();
  const credential = credentialSchema.safeParse(await tx.objectStore('credentials').get(accountId));
  const range = IDBKeyRange.bound([accountId, -Infinity], [accountId, []]);
  const pending = ((await tx.objectStore('deliveries').index('by-account-dueAt').getAll(range)) as Delivery[]).filter(
    (d) => PENDING_STATES.has(d.state) && d.state !== 'publishing',
  );
  const writes: Promise<unknown>[] = [
    tx.objectStore('credentials').delete(accountId),
    tx.objectStore('accounts').put({ ...account, status: 'disconnected', statusReason: 'You disconnected this account.', updatedAt: at }),
  ];
  if (scheduled === 'drafts') {
    for (const delivery of pending) {
      writes.push(
        tx.objectStore('deliveries').put({ ...delivery, state: 'draft', dueAt: null, nextAttemptAt: null, lease: null, updatedAt: at } satisfies Delivery),
      );
    }
  }
  await Promise.all([...writes, tx.done]);
  store.feed.publish({ store: 'accounts', keys: [accountId], op: 'put' });
  store.feed.publish({ store: 'credentials', keys: [accountId], op: 'delete' });
  if (scheduled === 'drafts' && pending.length) store.feed.publish({ store: 'deliveries', keys: pending.map((d) => d.id), op: 'put' });
  const signIn = credential.success ? credential.data.secret : null;
  return scheduled === 'drafts' ? { moved: pending.length, waiting: 0, signIn } : { moved: 0, waiting: pending.length, signIn };
}
