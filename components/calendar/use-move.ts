import { useCallback } from 'react';
import type { Delivery } from '@/lib/model';
import { atLocalTime } from '@/lib/schedule/local-time';
import { wallTime } from '@/lib/schedule/wall-time';
import { errorText } from '../common/error-text';
import { useReschedule } from '../data/calendar';
import type { Say } from '../common/use-notice';

/**
 * Moving a delivery to another local day and time (the same time when only a day is given: a
 * drag), in the workspace's zone, then re-arming the publish alarm.
 */
export function useMove(zone: string, say: Say) {
  const reschedule = useReschedule();
  const moveTo = useCallback(
    async (delivery: Delivery, date: string, time?: string) => {
      if (delivery.dueAt === null) return;
      const from = wallTime(delivery.dueAt, zone);
      const at = time ?? from.time;
      if (from.date === date && from.time === at) return;
      try {
        const { value: moved, nudgeFailed } = await reschedule(delivery.id, atLocalTime(date, at, zone));
        const when = wallTime(moved.dueAt ?? 0, zone);
        say(`Moved to ${when.weekday} ${when.date} ${when.time} (${zone}).`);
        // Stored either way; the background re-reads the queue when it starts, so only report.
        if (nudgeFailed) say(nudgeFailed);
      } catch (error) {
        say(errorText(error));
      }
    },
    [reschedule, zone, say],
  );
  return { moveTo };
}
