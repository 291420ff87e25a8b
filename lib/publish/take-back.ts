import { AppError } from '../errors';
import type { Delivery } from '../model';
import { restore } from './actions';
import { messageOf } from './backoff';
import type { PublisherDeps } from './deps';
import { cancelDelivery } from './hand-off';

/**
 * Unschedule in bulk (a day on the calendar, a whole campaign, the open post in Compose) and its
 * Undo. Each delivery is its own read-check-write (actions.ts), so one the publisher claimed in
 * between is refused on its own and the others still go back to drafts; the report says which.
 */
export interface TakeBackReport {
  done: Delivery[];
  refused: { deliveryId: string; reason: string }[];
}

async function each(ids: readonly string[], act: (id: string) => Promise<Delivery>): Promise<TakeBackReport> {
  const report: TakeBackReport = { done: [], refused: [] };
  for (const id of ids) {
    try {
      report.done.push(await act(id));
    } catch (error) {
      // A refusal is the answer for this one delivery; anything else is a fault the caller sees.
      if (!(error instanceof AppError)) throw error;
      report.refused.push({ deliveryId: id, reason: messageOf(error) });
    }
  }
  return report;
}

export function unscheduleMany(deps: PublisherDeps, ids: readonly string[]): Promise<TakeBackReport> {
  return each(ids, (id) => cancelDelivery(deps, id));
}

export function restoreMany(deps: PublisherDeps, before: readonly Delivery[]): Promise<TakeBackReport> {
  const byId = new Map(before.map((d) => [d.id, d]));
  return each([...byId.keys()], (id) => restore(deps.store, byId.get(id)!, deps.now()));
}
