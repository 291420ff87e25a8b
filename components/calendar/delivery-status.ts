import type { Account, Delivery } from '@/lib/model';

export type Attention = 'danger' | 'warn' | null;

/** How a delivery goes out, in words (issue: users must know what needs the browser open). */
export function methodWords(delivery: Delivery): string {
  if (delivery.method === 'server-scheduled') return "runs on the network's server";
  if (delivery.method === 'reminder') return 'needs you to click';
  return 'needs the browser open';
}

/** A delivery of a disconnected account waits for it (lib/publish/publish-one.ts). */
export function isWaitingForAccount(delivery: Delivery, account: Account | undefined): boolean {
  return account?.status === 'disconnected' && ['scheduled', 'retrying'].includes(delivery.state);
}

export function attentionOf(delivery: Delivery, account: Account | undefined): Attention {
  if (delivery.state === 'failed' || isWaitingForAccount(delivery, account)) return 'danger';
  if (delivery.state === 'held' || delivery.state === 'awaiting-confirmation' || delivery.state === 'retrying') return 'warn';
  return null;
}

/** The sentence under a chip that needs the user, or null. */
export function reasonOf(delivery: Delivery, account: Account | undefined): string | null {
  if (isWaitingForAccount(delivery, account)) {
    return `Waiting: @${account?.handle} is disconnected (${account?.statusReason ?? 'sign-in expired'}). Reconnect it in Settings → Accounts and this post goes out.`;
  }
  if (delivery.state === 'awaiting-confirmation') return 'Time to post it: open the network from the notification, then choose "Confirm posted".';
  if (delivery.state === 'retrying')
    return `Will try again${delivery.nextAttemptAt ? ` at ${new Date(delivery.nextAttemptAt).toLocaleTimeString()}` : ''}: ${delivery.lastError?.message ?? ''}`;
  if (delivery.state === 'failed' || delivery.state === 'held') return delivery.lastError?.message ?? 'This post needs you.';
  return null;
}

export type DeliveryAction = 'retry' | 'edit' | 'publishHeld' | 'confirm' | 'snooze';

export function actionsFor(delivery: Delivery, account: Account | undefined): DeliveryAction[] {
  if (isWaitingForAccount(delivery, account)) return ['edit'];
  switch (delivery.state) {
    case 'failed':
      return ['retry', 'edit', 'confirm'];
    case 'held':
      return ['publishHeld', 'edit', 'confirm'];
    case 'awaiting-confirmation':
      return ['confirm', 'snooze'];
    case 'retrying':
      return ['retry'];
    default:
      return [];
  }
}
