import type { WorkerState } from '../model';
import type { Store } from '../store';

/**
 * The background's memory lives in IndexedDB, never in module variables that die with the
 * worker: how often it started and which alarms it handled.
 */
export function createWorkerState({ store, now }: { store: Promise<Store>; now: () => number }) {
  const blank = (): WorkerState => ({ v: 1, id: 'worker', starts: 0, lastStartAt: now(), alarmRuns: {}, lastAlarmAt: null });
  return {
    async recordStart(): Promise<WorkerState> {
      const next = await (
        await store
      ).meta.update('worker', (current = blank()) => ({
        ...current,
        starts: current.starts + 1,
        lastStartAt: now(),
      }));
      return next!;
    },
    async recordAlarm(name: string): Promise<void> {
      await (
        await store
      ).meta.update('worker', (current = blank()) => ({
        ...current,
        alarmRuns: { ...current.alarmRuns, [name]: (current.alarmRuns[name] ?? 0) + 1 },
        lastAlarmAt: now(),
      }));
    },
    async read(): Promise<WorkerState | null> {
      const row = await (await store).meta.get('worker');
      return row?.ok ? row.value : null;
    },
  };
}
