import { isImportedHold } from '../backup/hold-pending';
import type { Workspace } from '../model';
import type { Store } from '../store';
import { importedHolds } from './imported-holds';
import { takenSlots } from './delivery-rows';
import { nextFreeSlots } from './next-free-slots';

/**
 * What the user decides about imported posts that were still to go out (issue 18, hole 8; held
 * on import by lib/backup/hold-pending.ts). Each row changes in one read-check-write: a row that
 * is no longer an imported hold (the user acted on it from the Calendar meanwhile) is left alone.
 *
 * - Confirm: back to its time, or, when that has passed, the account's next free posting slot
 *   (due at once when the account has no posting schedule). Its doubt stays: one the other browser
 *   may have sent is looked for on the network before it is sent (Delivery.doubt, hole 4).
 * - Move to drafts: a draft of its post, with no time. One that may already be out is never made a
 *   draft (a draft must not stand for a post on the network, actions.ts `unschedule`): it stays
 *   held as "cannot tell", for Confirm posted or Publish now on the Calendar.
 */

export interface ConfirmResult {
  onTime: number;
  nextSlot: number;
  now: number;
}

export async function confirmImported(store: Store, now: number): Promise<ConfirmResult> {
  const result: ConfirmResult = { onTime: 0, nextSlot: 0, now: 0 };
  for (const held of await importedHolds(store)) {
    let dueAt = held.dueAt ?? now;
    let how: keyof ConfirmResult = 'onTime';
    if (dueAt <= now) {
      const account = await store.accounts.get(held.accountId);
      const workspace = await store.workspaces.get(held.workspaceId);
      const schedule = account?.ok ? account.value.schedule : [];
      const timeZone = workspace?.ok ? (workspace.value as Workspace).timeZone : 'UTC';
      const [slot] = nextFreeSlots(schedule, { timeZone, now, taken: await takenSlots(store, held.accountId, now), count: 1 });
      dueAt = slot ?? now;
      how = slot === undefined ? 'now' : 'nextSlot';
    }
    const written = await store.deliveries.update(held.id, (current) =>
      current && isImportedHold(current)
        ? { ...current, state: 'scheduled', dueAt, attempt: 0, nextAttemptAt: null, lastError: null, updatedAt: now }
        : undefined,
    );
    if (written) result[how]++;
  }
  return result;
}

export interface DraftResult {
  drafts: number;
  /** Left held as "cannot tell": an attempt may have reached the network from the other browser. */
  mayBeOut: number;
}

export const MAY_BE_OUT_REASON =
  'The browser this backup came from was sending this post, so it may be out already. Check the profile: if the post is there, choose "Confirm posted"; if not, choose "Publish now".';

export async function draftImported(store: Store, now: number): Promise<DraftResult> {
  const result: DraftResult = { drafts: 0, mayBeOut: 0 };
  for (const held of await importedHolds(store)) {
    const mayBeOut = held.doubt === 'maybe' || held.doubt === 'user-checked';
    const written = await store.deliveries.update(held.id, (current) => {
      if (!current || !isImportedHold(current)) return undefined;
      if (mayBeOut) return { ...current, lastError: { code: 'uncertain', message: MAY_BE_OUT_REASON }, updatedAt: now };
      return { ...current, state: 'draft', dueAt: null, lease: null, nextAttemptAt: null, lastError: null, updatedAt: now };
    });
    if (written) result[mayBeOut ? 'mayBeOut' : 'drafts']++;
  }
  return result;
}
