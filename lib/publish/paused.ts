import { ValidationError } from '../errors';
import type { Delivery, Workspace } from '../model';
import { validRows, type Store } from '../store';

/**
 * Which workspaces have their queue paused (Workspace.queuePause, issue 17). While paused the
 * publisher takes nothing of theirs on its alarms: scheduled and retrying deliveries wait. What
 * it still does: finish or reconcile a delivery already claimed (it may be on the network), and
 * record a hand-off the pause could not take back as the server publishes it.
 */
export async function pausedWorkspaceIds(store: Store): Promise<Set<string>> {
  return new Set(
    validRows(await store.workspaces.list())
      .filter((workspace) => workspace.queuePause)
      .map((workspace) => workspace.id),
  );
}

/** Whether the publisher leaves this delivery alone because its workspace's queue is paused. */
export function isHeldByPause(delivery: Delivery, paused: ReadonlySet<string>): boolean {
  return paused.has(delivery.workspaceId) && delivery.method !== 'server-scheduled' && (delivery.state === 'scheduled' || delivery.state === 'retrying');
}

export function pausedText(workspace: Pick<Workspace, 'name'>): string {
  return `The queue of “${workspace.name}” is paused, so nothing of it is published. Press Resume queue first.`;
}

/** "Share now", "Try again", "Publish now" and hand-offs are refused while the queue is paused: they would wait unseen. */
export async function refuseWhilePaused(store: Store, target: { postId: string } | { deliveryId: string }): Promise<void> {
  const owner = 'postId' in target ? await store.posts.get(target.postId) : await store.deliveries.get(target.deliveryId);
  if (!owner?.ok) return; // the action itself says the post is gone
  const workspace = await store.workspaces.get(owner.value.workspaceId);
  if (workspace?.ok && workspace.value.queuePause) throw new ValidationError(pausedText(workspace.value));
}
