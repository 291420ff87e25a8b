import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Messenger } from '@/lib/messaging';
import { coalesce, type Change, type Store, type StoreName } from '@/lib/store';

export interface AppServices {
  store: Store;
  request: Messenger;
}

const ServicesContext = createContext<AppServices | null>(null);

/**
 * Reads that failed, one entry per live query, cleared when that query next succeeds. A view
 * whose read fails keeps its last result; the shell says so (ReadProblem) instead of leaving the
 * user looking at stale data or "Loading…" without a word.
 */
type ReportRead = (queryId: number, error: unknown | null) => void;

// Two contexts: every live query reports (a stable function), only the banner reads the failures.
const ReportReadContext = createContext<ReportRead | null>(null);
const ReadFailuresContext = createContext<ReadonlyMap<number, unknown>>(new Map());

function useReadFailures(): [ReadonlyMap<number, unknown>, ReportRead] {
  const [failures, setFailures] = useState<ReadonlyMap<number, unknown>>(new Map());
  const report = useCallback((queryId: number, error: unknown | null) => {
    setFailures((current) => {
      if (error === null && !current.has(queryId)) return current;
      const next = new Map(current);
      if (error === null) next.delete(queryId);
      else next.set(queryId, error);
      return next;
    });
  }, []);
  return [failures, report];
}

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return (
    <ServicesContext.Provider value={services}>
      <ReadScope>{children}</ReadScope>
    </ServicesContext.Provider>
  );
}

/**
 * Where failed reads are told (issue 24): the whole panel has one scope, and each view its own
 * (ViewPanel), so a view says in its own place that it could not read its data, and the panel's
 * banner is left to the shell's own reads.
 */
export function ReadScope({ children }: { children: ReactNode }) {
  const [failures, report] = useReadFailures();
  return (
    <ReportReadContext.Provider value={report}>
      <ReadFailuresContext.Provider value={failures}>{children}</ReadFailuresContext.Provider>
    </ReportReadContext.Provider>
  );
}

/** The first read that is failing now in this scope, if any (for the shell's banner, or a view's). */
export function useReadProblem(): unknown | null {
  const first = useContext(ReadFailuresContext).values().next();
  return first.done ? null : first.value;
}

let nextQueryId = 0;

function useAppServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('Cadence: a view was rendered outside ServicesProvider');
  return services;
}

/** What views may hold: the messenger to the background. They read and write the store through components/data/ hooks. */
export function useServices(): { request: Messenger } {
  return { request: useAppServices().request };
}

/**
 * The store itself: components/data/ only (an ESLint rule holds it). A view that needs a read or
 * a write asks for a named hook here instead, so every write that the background must act on
 * sends its one `schedule.changed` (schedule.ts).
 */
export function useStore(): Store {
  return useAppServices().store;
}

/**
 * Runs `query` now and again after every write to one of `stores`, from any context (the change
 * feed is a BroadcastChannel). Keeps the last result while the next one loads.
 */
export function useLiveQuery<T>(stores: StoreName[], query: (store: Store) => Promise<T>, deps: unknown[]): T | undefined {
  const store = useStore();
  const reportRead = useContext(ReportReadContext);
  const [value, setValue] = useState<T>();
  const queryId = useRef(-1);
  if (queryId.current < 0) queryId.current = nextQueryId++;
  useEffect(() => {
    const id = queryId.current;
    let alive = true;
    // A burst of writes (a poll bringing 300 mentions, a bulk edit) re-reads at most twice, and the
    // last read sees the last write (lib/store/coalesce.ts).
    const run = coalesce(() =>
      query(store).then(
        (result) => {
          if (!alive) return;
          setValue(() => result);
          reportRead?.(id, null);
        },
        // The view keeps its last result; the shell tells the user, the console whoever debugs it.
        (error: unknown) => {
          console.error('Cadence: a view could not read its data', error);
          if (alive) reportRead?.(id, error);
        },
      ),
    );
    run();
    const unsubscribe = store.feed.subscribe((change: Change) => {
      if (stores.includes(change.store)) run();
    });
    return () => {
      alive = false;
      unsubscribe();
      reportRead?.(id, null);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers list what their query reads
  }, [store, ...deps]);
  return value;
}
