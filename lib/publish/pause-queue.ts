import { NotFoundError, ValidationError } from '../errors';
import type { Account, Delivery, Workspace } from '../model';
import { validRows } from '../store';
import { messageOf } from './backoff';
import { loadSettings, type PublisherDeps } from './deps';
import { HAND_OFF_MARGIN_MS, handOff } from './hand-off';
import { isTooLate, lateReason } from './late-policy';

/**
 * Pausing and resuming a workspace's queue (issue 17).
 *
 * Invariants:
 * - the pause is written on the workspace before anything is taken back, so from that write on the
 *   publisher publishes nothing of it on its alarms (paused.ts); a delivery already claimed
 *   finishes, since it may be on the network;
 * - a post handed to Mastodon's scheduler is taken back (DELETE /api/v1/scheduled_statuses/:id) and
 *   waits on the browser's schedule with a new idempotency key: Mastodon answers a key it saw
 *   within the hour with its first answer, the scheduled status just deleted. One the server did
 *   not give back stays there, named in `stayed` with why: the server still publishes it;
 * - each hand-off taken back is recorded on the workspace as it happens, so a worker that dies
 *   mid-pause still hands back, on resume, what it had taken;
 * - resume applies the late-post policy (late-policy.ts) to what came due while paused: within the
 *   window it goes out at once, past it it is held with the reason; then the withdrawn posts are
 *   handed back, and each one that cannot be is named with why.
 */

export interface QueueNote {
  deliveryId: string;
  handle: string;
  dueAt: number | null;
  reason: string;
}

export interface PauseReport {
  withdrawn: number;
  stayed: QueueNote[];
}

export interface ResumeReport {
  handedBack: number;
  notBack: QueueNote[];
  /** Came due while paused, later than the late-post policy allows: held. */
  held: number;
  /** Came due while paused, within the policy's window: going out now. */
  late: number;
}

/** Pauses the queue; pressed again while paused, it tries again to take back what stayed on the server. */
export async function pauseQueue(deps: PublisherDeps, workspaceId: string): Promise<PauseReport> {
  const since = deps.now();
  const workspace = await writeWorkspace(deps, workspaceId, (w) => ({
    ...w,
    queuePause: w.queuePause ?? { since, withdrawn: [], stayed: [] },
    updatedAt: since,
  }));
  const accounts = await accountsById(deps);
  const handedOff = (await scheduledOf(deps, workspaceId)).filter((d) => d.method === 'server-scheduled' && d.remote);
  const stayed: QueueNote[] = [];
  let withdrawn = 0;
  for (const delivery of handedOff) {
    const reason = await withdraw(deps, delivery, accounts.get(delivery.accountId));
    if (reason === null) withdrawn += 1;
    else stayed.push(noteOf(delivery, accounts, reason));
  }
  await writeWorkspace(deps, workspace.id, (w) => (w.queuePause ? { ...w, queuePause: { ...w.queuePause, stayed } } : w));
  return { withdrawn, stayed };
}

/** Takes one hand-off back from the server; null when it is back, else why it is not. */
async function withdraw(deps: PublisherDeps, delivery: Delivery, account: Account | undefined): Promise<string | null> {
  if (!account) return 'Its account is no longer in Cadence, so Mastodon still publishes it at its time. Delete it on Mastodon itself to stop it.';
  try {
    await deps.adapterFor(account).remove(delivery.remote!);
  } catch (error) {
    return `@${account.handle}'s server did not give it back (${messageOf(error)}), so it still goes out at its time. Press Take them back to try again, or delete it on Mastodon.`;
  }
  const back = await deps.store.deliveries.update(delivery.id, (current) =>
    current?.state === 'scheduled' && current.method === 'server-scheduled' && current.remote?.id === delivery.remote!.id
      ? { ...current, method: 'api', remote: null, parts: [], sent: null, idempotencyKey: crypto.randomUUID(), lastError: null, updatedAt: deps.now() }
      : undefined,
  );
  if (!back) return 'It changed while it was taken back; check it on the Calendar.';
  await writeWorkspace(deps, delivery.workspaceId, (w) =>
    w.queuePause ? { ...w, queuePause: { ...w.queuePause, withdrawn: [...new Set([...w.queuePause.withdrawn, delivery.id])] } } : w,
  );
  return null;
}

export async function resumeQueue(deps: PublisherDeps, workspaceId: string): Promise<ResumeReport> {
  const row = await deps.store.workspaces.get(workspaceId);
  if (!row?.ok) throw new NotFoundError('That workspace is no longer in Cadence.');
  const pause = row.value.queuePause;
  if (!pause) throw new ValidationError(`The queue of “${row.value.name}” is not paused.`);
  const now = deps.now();
  await writeWorkspace(deps, workspaceId, ({ queuePause: _resumed, ...w }) => ({ ...w, updatedAt: now }));

  const accounts = await accountsById(deps);
  const { latePolicy } = await loadSettings(deps.store);
  const report: ResumeReport = { handedBack: 0, notBack: [], held: 0, late: 0 };
  for (const delivery of await scheduledOf(deps, workspaceId)) {
    if (delivery.method !== 'api' || delivery.dueAt === null || delivery.dueAt > now) continue;
    if (!isTooLate(delivery, now, latePolicy)) {
      report.late += 1; // the run after this action publishes it
      continue;
    }
    const reason = lateReason(delivery, row.value.timeZone, accounts.get(delivery.accountId)?.handle ?? delivery.accountId, 'while the queue was paused');
    const held = await deps.store.deliveries.update(delivery.id, (current) =>
      current?.state === 'scheduled' && current.dueAt === delivery.dueAt
        ? { ...current, state: 'held', lastError: { code: 'late', message: reason }, updatedAt: now }
        : undefined,
    );
    if (held) report.held += 1;
  }

  for (const id of pause.withdrawn) {
    const current = await deps.store.deliveries.get(id);
    // Unscheduled, moved to drafts or published meanwhile: the user decided, nothing to hand back.
    if (!current?.ok || (current.value.state !== 'scheduled' && current.value.state !== 'held')) continue;
    const delivery = current.value;
    const reason = await handBack(deps, delivery, now);
    if (reason === null) report.handedBack += 1;
    else report.notBack.push(noteOf(delivery, accounts, reason));
  }
  return report;
}

/** Hands one withdrawn post back to Mastodon's scheduler; null when it is there again, else why not. */
async function handBack(deps: PublisherDeps, delivery: Delivery, now: number): Promise<string | null> {
  if (delivery.state === 'held') return 'Its time passed while the queue was paused, so it is held: choose Publish now or move it on the Calendar.';
  if (delivery.dueAt !== null && delivery.dueAt <= now) return 'Its time passed while the queue was paused, so Cadence publishes it from the browser now.';
  if (delivery.dueAt !== null && delivery.dueAt - now <= HAND_OFF_MARGIN_MS) {
    return 'It is due in less than 5 minutes, too soon for Mastodon’s scheduler, so Cadence publishes it from the browser: keep the browser open until then.';
  }
  try {
    await handOff(deps, delivery.id);
    return null;
  } catch (error) {
    return `${messageOf(error)} It stays on Cadence’s own schedule: keep the browser open at its time.`;
  }
}

async function writeWorkspace(deps: PublisherDeps, id: string, change: (w: Workspace) => Workspace): Promise<Workspace> {
  const written = await deps.store.workspaces.update(id, (current) => (current ? change(current) : undefined));
  if (!written) throw new NotFoundError('That workspace is no longer in Cadence.');
  return written;
}

async function scheduledOf(deps: PublisherDeps, workspaceId: string): Promise<Delivery[]> {
  const rows = await deps.store.deliveries.list({
    index: 'by-state-dueAt',
    query: IDBKeyRange.bound(['scheduled', 0], ['scheduled', Number.MAX_SAFE_INTEGER]),
  });
  return validRows(rows).filter((delivery) => delivery.workspaceId === workspaceId);
}

async function accountsById(deps: PublisherDeps): Promise<Map<string, Account>> {
  return new Map(validRows(await deps.store.accounts.list()).map((account) => [account.id, account]));
}

function noteOf(delivery: Delivery, accounts: Map<string, Account>, reason: string): QueueNote {
  return { deliveryId: delivery.id, handle: accounts.get(delivery.accountId)?.handle ?? delivery.accountId, dueAt: delivery.dueAt, reason };
}
