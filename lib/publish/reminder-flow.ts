import { NotFoundError } from '../errors';
import type { Account, Delivery } from '../model';
import type { Store } from '../store';
import { loadPost, senderOf, shareText, textsFor } from './build-input';
import { isDue } from './claim';
import { tell, type PublisherDeps } from './deps';
import { shareUrl } from './reminders';

/**
 * Reminder publishing (X, LinkedIn, Threads, Facebook, and API networks set to reminders): at
 * the due time the delivery waits for the user (`awaiting-confirmation`) and a notification
 * offers the network's share page, prefilled. Clicking it opens the page; the user confirms
 * once posted, or snoozes. Always notified: this notification *is* the publishing.
 */
export const REMINDER_PREFIX = 'reminder:';

export async function remind(deps: PublisherDeps, delivery: Delivery, account: Account | undefined): Promise<Delivery | null> {
  const now = deps.now();
  const waiting = await deps.store.deliveries.update(delivery.id, (current) =>
    current?.state === 'scheduled' && current.method === 'reminder' && isDue(current, now)
      ? { ...current, state: 'awaiting-confirmation', updatedAt: now }
      : undefined,
  );
  if (!waiting) return null;
  const post = await loadPost(deps.store, waiting).catch(() => null);
  const text = post ? (textsFor(post, senderOf(waiting))[0] ?? '') : '';
  await tell(deps, {
    id: `${REMINDER_PREFIX}${waiting.id}`,
    kind: 'reminder',
    title: `Time to post on ${networkName(waiting.network)}${account ? ` as @${account.handle}` : ''}`,
    message: `Click to open ${networkName(waiting.network)} with the post filled in, then choose "Confirm posted" in Cadence. ${text.slice(0, 120)}`,
  });
  return waiting;
}

/** The share page a reminder notification opens. */
export async function reminderUrl(store: Store, deliveryId: string): Promise<string> {
  const row = await store.deliveries.get(deliveryId);
  if (!row?.ok) throw new NotFoundError('This reminder is no longer in Cadence.');
  const delivery = row.value;
  const post = await loadPost(store, delivery);
  const account = await store.accounts.get(delivery.accountId);
  return shareUrl(delivery.network, shareText(post, senderOf(delivery)), {
    link: post.link?.url ?? null,
    serverUrl: account?.ok ? account.value.serverUrl : null,
  });
}

export function networkName(network: Delivery['network']): string {
  return { bluesky: 'Bluesky', mastodon: 'Mastodon', x: 'X', linkedin: 'LinkedIn', threads: 'Threads', facebook: 'Facebook' }[network];
}
