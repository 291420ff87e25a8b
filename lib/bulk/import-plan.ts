import { ValidationError } from '../errors';
import type { Delivery } from '../model';
import { newDelivery } from '../schedule/delivery-rows';
import type { Store } from '../store';
import type { PlannedPost } from './check-plan';

/**
 * Writes a checked plan: every post and one scheduled delivery per post × account, in one
 * transaction, or nothing (issue 22: all or nothing). Refused whole, before any write, when any
 * row has a problem; the caller nudges the publisher afterwards (`schedule.changed`).
 */
export async function importPlan(store: Store, plan: readonly PlannedPost[], now: number): Promise<{ posts: number; deliveries: Delivery[] }> {
  const bad = plan.filter((row) => row.problems.length > 0);
  if (bad.length > 0)
    throw new ValidationError(
      `Nothing was imported: ${bad.length} row${bad.length === 1 ? ' has' : 's have'} problems (line${bad.length === 1 ? '' : 's'} ${bad
        .slice(0, 10)
        .map((row) => row.line)
        .join(', ')}${bad.length > 10 ? ', …' : ''}).`,
    );
  if (plan.length === 0) throw new ValidationError('Nothing to import: the CSV has no rows.');
  const batch = store.batch(['posts', 'deliveries']);
  const deliveries: Delivery[] = [];
  try {
    const writes: Promise<void>[] = [];
    for (const { post, accounts, dueAt } of plan) {
      writes.push(batch.put('posts', post, undefined));
      for (const account of accounts) {
        const delivery = newDelivery(post.id, account, { state: 'scheduled', dueAt: dueAt! }, now);
        deliveries.push(delivery);
        writes.push(batch.put('deliveries', delivery, undefined));
      }
    }
    await Promise.all(writes);
  } catch (error) {
    await batch.abort();
    throw error;
  }
  await batch.commit();
  return { posts: plan.length, deliveries };
}
