import type { Account, Delivery } from '../model';
import { validRows } from '../store';
import { claim, isDue, takeOver } from './claim';
import { loadSettings, tell, type PublisherDeps } from './deps';
import { recoverHandOff } from './hand-off';
import { isTooLate, lateReason } from './late-policy';
import { isHeldByPause, pausedWorkspaceIds } from './paused';
import { mayHaveReachedNetwork, publishClaimed } from './publish-one';
import { remind } from './reminder-flow';
import { RECENT_MS, recycleEvergreen } from './recycle';
import { isLookupDue, LOOKUP_FOR_MS, resolveHandOff } from './resolve-hand-off';

/**
 * One pass of the publisher, run on every `publish` alarm, at start-up and after "Share now":
 * 1. deliveries whose lease expired (their worker died) are reconciled, never re-sent blindly;
 * 2. due scheduled deliveries: reminders notify, hand-offs are the server's, API posts are
 *    claimed and published — unless they are later than the user's catch-up window (held);
 * 3. retrying deliveries whose next attempt is due;
 * 4. published hand-offs whose real status is not known yet are looked up (resolve-hand-off.ts);
 * 5. evergreen posts published lately get their follow-up (recycle.ts; older ones at maintenance).
 * Deliveries of a disconnected account are skipped: they wait for the account; so do the scheduled
 * and retrying ones of a workspace whose queue is paused (paused.ts).
 */
export interface RunReport {
  published: string[];
  other: string[];
}

export async function publishDue(deps: PublisherDeps): Promise<RunReport> {
  const { store } = deps;
  const report: RunReport = { published: [], other: [] };
  const record = (after: Delivery | null) => {
    if (after) (after.state === 'published' ? report.published : report.other).push(after.id);
  };
  const settings = await loadSettings(store);
  const accounts = new Map(validRows(await store.accounts.list()).map((account) => [account.id, account]));
  const paused = await pausedWorkspaceIds(store);
  const isWaiting = (d: Delivery) => accounts.get(d.accountId)?.status === 'disconnected' || isHeldByPause(d, paused);

  for (const delivery of await inState(deps, 'publishing')) {
    if (delivery.lease && delivery.lease.until >= deps.now()) continue;
    record(await recover(deps, delivery, accounts.get(delivery.accountId)));
  }

  for (const delivery of await inState(deps, 'scheduled', deps.now())) {
    if (isWaiting(delivery) || !isDue(delivery, deps.now())) continue;
    if (delivery.method === 'server-scheduled') record(await serverPublished(deps, delivery));
    else if (delivery.method === 'reminder') record(await remind(deps, delivery, accounts.get(delivery.accountId)));
    else if (isTooLate(delivery, deps.now(), settings.latePolicy)) record(await holdLate(deps, delivery, accounts.get(delivery.accountId)));
    else record(await claimAndPublish(deps, delivery));
  }

  for (const delivery of await inState(deps, 'retrying')) {
    if (isWaiting(delivery) || !isDue(delivery, deps.now())) continue;
    record(await claimAndPublish(deps, delivery));
  }

  // Lookups stop a week after the due time, so older published rows need not be read.
  for (const delivery of await inState(deps, 'published', deps.now(), deps.now() - LOOKUP_FOR_MS)) {
    if (isWaiting(delivery) || !isLookupDue(delivery, deps.now())) continue;
    const after = await resolveHandOff(deps, delivery, accounts.get(delivery.accountId));
    if (after) report.other.push(after.id); // published before this run: not news
  }

  for (const followUp of await recycleEvergreen(deps, deps.now() - RECENT_MS)) report.other.push(followUp.id);
  return report;
}

async function inState(deps: PublisherDeps, state: Delivery['state'], dueBy = Number.MAX_SAFE_INTEGER, dueFrom = 0): Promise<Delivery[]> {
  return validRows(await deps.store.deliveries.list({ index: 'by-state-dueAt', query: IDBKeyRange.bound([state, dueFrom], [state, dueBy]) }));
}

export async function claimAndPublish(deps: PublisherDeps, delivery: Delivery): Promise<Delivery | null> {
  deps.checkpoint?.('before-claim', delivery.id);
  // A shared workspace's delivery is claimed on the team server first (deps.ts TeamGate).
  if (deps.teamGate && !(await deps.teamGate.mayClaim(delivery))) return null;
  const claimed = await claim(deps.store, delivery.id, deps.owner, deps.now(), { random: deps.random });
  if (!claimed) return null;
  deps.checkpoint?.('after-claim', delivery.id);
  const result = await publishClaimed(deps, claimed, { reconcileFirst: mayHaveReachedNetwork(claimed) });
  if (result?.state === 'published' && deps.teamGate) await deps.teamGate.sent(result);
  return result;
}

/** A worker died holding this lease: ask the network what arrived, then finish or hold. */
async function recover(deps: PublisherDeps, delivery: Delivery, account: Account | undefined): Promise<Delivery | null> {
  const taken = await takeOver(deps.store, delivery.id, deps.owner, deps.now());
  if (!taken) return null;
  // `delivery` is the row before takeOver rewrote updatedAt: when the dead worker claimed it.
  if (taken.method === 'server-scheduled') return recoverHandOff(deps, taken, delivery.updatedAt, account);
  return publishClaimed(deps, taken, { reconcileFirst: true });
}

async function holdLate(deps: PublisherDeps, delivery: Delivery, account: Account | undefined): Promise<Delivery | null> {
  const workspace = await deps.store.workspaces.get(delivery.workspaceId);
  const zone = workspace?.ok ? workspace.value.timeZone : 'UTC';
  const reason = lateReason(delivery, zone, account?.handle ?? delivery.accountId);
  const held = await deps.store.deliveries.update(delivery.id, (current) =>
    current?.state === 'scheduled' && current.dueAt === delivery.dueAt
      ? { ...current, state: 'held', lastError: { code: 'late', message: reason }, updatedAt: deps.now() }
      : undefined,
  );
  if (held && (await loadSettings(deps.store)).notifications.failures) {
    await tell(deps, { id: `delivery:${held.id}`, kind: 'failure', title: 'A post was held', message: reason });
  }
  return held ?? null;
}

/**
 * A post handed to the network's own scheduler (Mastodon `scheduled_at`) is the server's to
 * send; at its time the delivery is recorded as published. `remote` stays the scheduled status
 * the server gave until a lookup finds the status it became (resolve-hand-off.ts).
 */
async function serverPublished(deps: PublisherDeps, delivery: Delivery): Promise<Delivery | null> {
  const done = await deps.store.deliveries.update(delivery.id, (current) =>
    current?.state === 'scheduled' && current.method === 'server-scheduled' && isDue(current, deps.now())
      ? { ...current, state: 'published', publishedAt: current.dueAt, updatedAt: deps.now() }
      : undefined,
  );
  return done ?? null;
}
