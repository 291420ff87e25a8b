import { useCallback, useState } from 'react';
import type { Delivery } from '@/lib/model';
import { atLocalTime } from '@/lib/schedule/local-time';
import { reschedule } from '@/lib/schedule/queue-post';
import { wallTime } from '@/lib/schedule/wall-time';
import { errorText } from '../common/error-text';
import { useServices } from '../common/store-context';

/** Moving a delivery to another local day at the same local time, then re-arming the publish alarm. */
export function useMove(zone: string) {
  const { store, request } = useServices();
  const [status, setStatus] = useState('');
  const moveTo = useCallback(
    async (delivery: Delivery, date: string) => {
      if (delivery.dueAt === null) return;
      const { time, date: from } = wallTime(delivery.dueAt, zone);
      if (from === date) return;
      try {
        const moved = await reschedule(store, delivery.id, atLocalTime(date, time, zone), Date.now());
        const when = wallTime(moved.dueAt ?? 0, zone);
        setStatus(`Moved to ${when.weekday} ${when.date} ${when.time} (${zone}).`);
        // Stored either way; the background re-reads the queue when it starts, so only report.
        await request('schedule.changed', {}).catch((error: unknown) => setStatus(errorText(error)));
      } catch (error) {
        setStatus(errorText(error));
      }
    },
    [store, request, zone],
  );
  return { moveTo, status, say: setStatus };
}
