import { useCallback } from 'react';
import type { Store } from '@/lib/store';
import { errorText } from '../common/error-text';
import { useServices, useStore } from './store-context';

export interface ScheduledWrite<T> {
  value: T;
  /** Why the background could not be told (its sentence), or null. The write stands either way. */
  nudgeFailed: string | null;
}

/**
 * A write that changes what the background must act on — a due time, a queue, a posting
 * schedule, an import, a delivery moved to drafts — followed by the one `schedule.changed`
 * nudge, so the background sets its publish alarm again (lib/messaging/protocol.ts says which
 * writes are local and which go through the background). The write's own errors reject. A failed
 * nudge does not undo the write: the background re-reads the queue at every start and on its
 * maintenance alarm, so the caller only reports `nudgeFailed`.
 */
export function useScheduleWrite() {
  const store = useStore();
  const { request } = useServices();
  return useCallback(
    async <T>(write: (store: Store) => Promise<T>): Promise<ScheduledWrite<T>> => {
      const value = await write(store);
      const nudgeFailed = await request('schedule.changed', {}).then(
        () => null,
        (error: unknown) => errorText(error),
      );
      return { value, nudgeFailed };
    },
    [store, request],
  );
}
