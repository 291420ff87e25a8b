import type { Account, Delivery } from '@/lib/model';

/**
 * The open post's deliveries that failed or were held, with the network's reason (issue 24): where a
 * clicked failure notification lands. Retry and Publish now are on its chip in the Calendar.
 */
export function FailedNote({ deliveries, accounts }: { deliveries: readonly Delivery[]; accounts: readonly Account[] }) {
  const failed = deliveries.filter((delivery) => delivery.state === 'failed' || delivery.state === 'held');
  if (failed.length === 0) return null;
  const handle = (d: Delivery) => `@${accounts.find((account) => account.id === d.accountId)?.handle ?? d.accountId}`;
  return (
    <div className="compose__failed" role="alert" data-testid="compose-failed">
      {failed.map((delivery) => (
        <p key={delivery.id}>
          {delivery.state === 'held' ? 'Held' : 'Not published'} on {handle(delivery)}: {delivery.lastError?.message ?? 'no reason was given.'}
        </p>
      ))}
      <p className="muted">Fix the text here if that is the cause, then Retry or Publish now on its chip in the Calendar.</p>
    </div>
  );
}
