import type { Account, Delivery } from '@/lib/model';
import { wallTime } from '@/lib/schedule/wall-time';

/** "Queued for Mon 09:00 (Europe/Berlin) on @handle", one clause per account. */
export function queuedMessage(placed: readonly Delivery[], accounts: readonly Account[], zone: string): string {
  const clauses = placed.map((delivery) => {
    const handle = accounts.find((account) => account.id === delivery.accountId)?.handle ?? delivery.accountId;
    const when = delivery.dueAt === null ? 'no time yet' : wallTime(delivery.dueAt, zone);
    return typeof when === 'string' ? `${when} on @${handle}` : `${when.weekday} ${when.time} (${zone}) on @${handle}`;
  });
  return `Queued for ${clauses.join('; ')}`;
}
