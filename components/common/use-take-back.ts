import { useCallback } from 'react';
import type { Delivery } from '@/lib/model';
import { errorText } from './error-text';
import { useServices } from '../data/store-context';
import type { Say } from './use-notice';

interface Report {
  done: Delivery[];
  refused: { deliveryId: string; reason: string }[];
}

/**
 * Unschedule, one post or many (issue 17): the background puts each back to drafts or refuses it
 * on its own, and the line says which, with an Undo that puts back those that went.
 */
export function useTakeBack(say: Say): (deliveries: readonly Delivery[], what: string) => Promise<void> {
  const { request } = useServices();
  const putBack = useCallback(
    async (before: Delivery[]) => {
      try {
        const report = await request('delivery.restore', { deliveries: before });
        const n = report.done.length;
        say(
          [n > 0 ? `Undone: ${n === 1 ? 'the post is' : `${n} posts are`} back on the calendar.` : 'Nothing was put back.', refusedWords(report)]
            .filter(Boolean)
            .join(' '),
        );
      } catch (error) {
        say(errorText(error));
      }
    },
    [request, say],
  );
  return useCallback(
    async (deliveries, what) => {
      if (deliveries.length === 0) return say(`${what}: nothing there is waiting to be published.`);
      try {
        const report = await request('delivery.cancelMany', { deliveryIds: deliveries.map((d) => d.id) });
        const before = deliveries.filter((d) => report.done.some((done) => done.id === d.id));
        const n = before.length;
        const done = n > 0 ? `${what}: ${n === 1 ? 'it is' : `${n} posts are`} back in drafts and will not be published.` : `${what}: nothing was unscheduled.`;
        say([done, refusedWords(report)].filter(Boolean).join(' '), n > 0 ? () => putBack(before) : null);
      } catch (error) {
        say(errorText(error));
      }
    },
    [request, say, putBack],
  );
}

function refusedWords({ refused }: Report): string {
  if (refused.length === 0) return '';
  const reasons = [...new Set(refused.map((r) => r.reason))].join(' ');
  return `${refused.length === 1 ? 'One post' : `${refused.length} posts`} stayed as ${refused.length === 1 ? 'it was' : 'they were'}: ${reasons}`;
}
