import { AuthError, toWireError } from '../errors';
import { API_NETWORKS, defaultSettings, PANEL_STATE_ID, type Account, type AccountPoll, type InboxItem, type Settings, type StreamResult } from '../model';
import { validRows, type Store } from '../store';
import { pollInterval } from './cadence';
import type { EngageDeps } from './deps';
import { pollStream } from './listen';
import { pollInbox } from './poll-inbox';
import { wakeSnoozed } from './snooze';

/**
 * The inbox and listening poller. Each connected API account has its own `nextPollAt` (see
 * cadence.ts); one call of `run` polls the accounts that are due — their notifications and the
 * streams that listen through them — and returns when the alarm should fire next.
 * Invariants:
 * - all memory is in the `pollState` store: a new poller over the same database (a restarted
 *   worker) continues from the same cursors;
 * - an AuthError marks the account disconnected and stops polling it (no crash loop); other
 *   errors are recorded and back off;
 * - one account failing never stops the others;
 * - runs never overlap: the alarm, start-up and the panel opening can all ask at once, and two
 *   runs reading the same due time would poll the account twice with the same cursor. A run asked
 *   for while one is under way starts after it, and finds the account no longer due.
 */
export interface PollRun {
  added: InboxItem[];
  found: StreamResult[];
  /** When the next account is due, or null when nothing will be polled (off, or no account). */
  nextPollAt: number | null;
}

export function createPoller(deps: EngageDeps) {
  const { store, now } = deps;

  const settingsOf = async (): Promise<Settings> => {
    const row = await store.settings.get('settings');
    return row?.ok ? row.value : defaultSettings();
  };

  const isPanelVisible = async () => {
    const row = await store.pollState.get(PANEL_STATE_ID);
    return row?.ok && row.value.kind === 'panel' ? row.value.isVisible : false;
  };

  const stateOf = async (account: Account): Promise<AccountPoll> => {
    const row = await store.pollState.get(account.id);
    if (row?.ok && row.value.kind === 'account') return row.value;
    return { v: 1, kind: 'account', id: account.id, cursor: null, lastPolledAt: null, lastActivityAt: null, nextPollAt: 0, failures: 0, lastError: null };
  };

  const pollable = async () =>
    validRows(await store.accounts.list()).filter(
      (account) => account.status === 'connected' && account.publishMode === 'api' && API_NETWORKS.includes(account.network),
    );

  const disconnect = (account: Account, error: AuthError) =>
    store.accounts.update(account.id, (current) => current && { ...current, status: 'disconnected', statusReason: error.message, updatedAt: now() });

  async function pollOne(account: Account, settings: Settings, isVisible: boolean): Promise<Omit<PollRun, 'nextPollAt'> & { state: AccountPoll }> {
    const state = await stateOf(account);
    const at = now();
    let next: AccountPoll;
    const added: InboxItem[] = [];
    const found: StreamResult[] = [];
    try {
      const inbox = await pollInbox(deps, account, state);
      added.push(...inbox.added);
      const streams = validRows(await store.streams.list()).filter((stream) => stream.accountIds.includes(account.id));
      for (const stream of streams) found.push(...(await pollStream(deps, stream, account)));
      const lastActivityAt = added.length > 0 ? at : state.lastActivityAt;
      next = { ...state, cursor: inbox.cursor, lastPolledAt: at, lastActivityAt, failures: 0, lastError: null, nextPollAt: 0 };
    } catch (error) {
      if (error instanceof AuthError) await disconnect(account, error);
      next = { ...state, lastPolledAt: at, failures: state.failures + 1, lastError: toWireError(error), nextPollAt: 0 };
    }
    const interval = pollInterval({
      mode: settings.polling,
      network: account.network,
      isPanelVisible: isVisible,
      lastActivityAt: next.lastActivityAt,
      failures: next.failures,
      now: at,
    });
    next.nextPollAt = interval === null ? Number.MAX_SAFE_INTEGER : at + interval;
    await store.pollState.put(next);
    return { added, found, state: next };
  }

  let running: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(work: () => Promise<T>): Promise<T> => {
    const result = running.then(work);
    running = result.catch(() => undefined);
    return result;
  };

  return {
    /**
     * Polls every account that is due (all of them when `force`, e.g. the user's "Check now"),
     * and wakes snoozed items. With polling off, only a forced run polls.
     */
    run: (options: { force?: boolean } = {}): Promise<PollRun> => oneAtATime(() => runOnce(options)),
    // Both write an account's poll state, which a run rewrites whole: they wait their turn too.
    setPanelVisible: (isVisible: boolean): Promise<void> => oneAtATime(() => setPanelVisibleNow(isVisible)),
    recordActivity: (accountId: string): Promise<void> => oneAtATime(() => recordActivityNow(accountId)),
  };

  async function runOnce({ force = false }: { force?: boolean }): Promise<PollRun> {
    await wakeSnoozed(store, now());
    const settings = await settingsOf();
    if (settings.polling === 'off' && !force) return { added: [], found: [], nextPollAt: null };
    const isVisible = await isPanelVisible();
    const run: PollRun = { added: [], found: [], nextPollAt: null };
    for (const account of await pollable()) {
      let state = await stateOf(account);
      if (force || state.nextPollAt <= now()) {
        const polled = await pollOne(account, settings, isVisible);
        run.added.push(...polled.added);
        run.found.push(...polled.found);
        state = polled.state;
      }
      const isStillPolled = settings.polling !== 'off' && state.nextPollAt !== Number.MAX_SAFE_INTEGER && (await stillConnected(store, account.id));
      if (isStillPolled && (run.nextPollAt === null || state.nextPollAt < run.nextPollAt)) run.nextPollAt = state.nextPollAt;
    }
    return run;
  }

  /** The panel opened or closed: remember it (the worker may die) and pull every account's next poll in to the panel cadence. */
  async function setPanelVisibleNow(isVisible: boolean): Promise<void> {
    await store.pollState.put({ v: 1, kind: 'panel', id: PANEL_STATE_ID, isVisible, updatedAt: now() });
    if (!isVisible) return;
    const settings = await settingsOf();
    for (const account of await pollable()) {
      const state = await stateOf(account);
      const interval = pollInterval({
        mode: settings.polling,
        network: account.network,
        isPanelVisible: true,
        lastActivityAt: state.lastActivityAt,
        failures: state.failures,
        now: now(),
      });
      if (interval === null) continue;
      const due = (state.lastPolledAt ?? 0) + interval;
      if (due < state.nextPollAt) await store.pollState.put({ ...state, nextPollAt: due });
    }
  }

  /** We replied or acted: keep this account on the fast cadence for a while. */
  async function recordActivityNow(accountId: string): Promise<void> {
    await store.pollState.update(accountId, (current) => (current?.kind === 'account' ? { ...current, lastActivityAt: now() } : undefined));
  }
}

export type Poller = ReturnType<typeof createPoller>;

async function stillConnected(store: Store, accountId: string): Promise<boolean> {
  const row = await store.accounts.get(accountId);
  return row?.ok === true && row.value.status === 'connected';
}
