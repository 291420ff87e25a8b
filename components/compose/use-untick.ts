import { useCallback } from 'react';
import type { Account, Delivery, Post } from '@/lib/model';
import { dropAccount } from '@/lib/compose/post-draft';
import { UNSCHEDULABLE } from '@/lib/schedule/unschedulable';
import { wallTime } from '@/lib/schedule/wall-time';
import { errorText } from '../common/error-text';
import { useServices } from '../data/store-context';
import type { Say } from '../common/use-notice';

/**
 * Unticking an account in Compose (issue 17): a delivery still waiting for it is cancelled first,
 * through the background (a hand-off is deleted on its server), and only then is the account's
 * text dropped; refused, nothing changes and the line says why. Undo puts both back.
 */
export function useUntick(post: Post | null, deliveries: readonly Delivery[], zone: string, edit: (change: (post: Post) => Post) => void, say: Say) {
  const { request } = useServices();
  return useCallback(
    async (account: Account) => {
      // Any delivery on its way is asked about, so one the background must refuse (going out now,
      // maybe out already) keeps the account ticked instead of publishing behind the user's back.
      const waiting = deliveries.find((d) => d.accountId === account.id && (UNSCHEDULABLE.includes(d.state) || d.state === 'publishing'));
      if (!waiting || !post) return edit((current) => dropAccount(current, account.id));
      const index = post.variants.findIndex((variant) => variant.accountId === account.id);
      const variant = post.variants[index];
      try {
        await request('delivery.drop', { deliveryId: waiting.id });
      } catch (error) {
        return say(`@${account.handle} stays ticked: ${errorText(error)}`);
      }
      edit((current) => dropAccount(current, account.id));
      const at = waiting.dueAt === null ? null : wallTime(waiting.dueAt, zone);
      const undo = async () => {
        try {
          const { refused } = await request('delivery.restore', { deliveries: [waiting] });
          if (refused[0]) return say(`Nothing was put back: ${refused[0].reason}`);
        } catch (error) {
          return say(errorText(error));
        }
        if (variant)
          edit((current) =>
            current.variants.some((v) => v.accountId === account.id) ? current : { ...current, variants: current.variants.toSpliced(index, 0, variant) },
          );
        say(`Undone: @${account.handle} is ticked again and its post is back on the calendar.`);
      };
      say(`Cancelled on @${account.handle}${at ? ` (was ${at.weekday} ${at.date} ${at.time})` : ''}: it will not be published there.`, undo);
    },
    [post, deliveries, zone, edit, say, request],
  );
}
