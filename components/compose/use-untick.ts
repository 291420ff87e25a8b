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
      if (!post) return edit((current) => dropAccount(current, account.id));
      const index = post.variants.findIndex((variant) => variant.accountId === account.id);
      const variant = post.variants[index];
      const comment = post.firstComments?.find((c) => c.accountId === account.id && c.text.trim() !== '');
      /** The account's own text and first comment, back as they were (they went with the tick). */
      const putBack = () =>
        edit((current) => {
          if (current.variants.some((v) => v.accountId === account.id)) return current;
          const variants = variant ? current.variants.toSpliced(Math.min(index, current.variants.length), 0, variant) : current.variants;
          const firstComments = comment ? [...(current.firstComments ?? []).filter((c) => c.accountId !== account.id), comment] : current.firstComments;
          return { ...current, variants, ...(firstComments ? { firstComments } : {}) };
        });
      if (!waiting) {
        edit((current) => dropAccount(current, account.id));
        // Unticking by mistake must not cost the words written for that account alone.
        const lost = [variant && (variant.text !== null || variant.thread.length > 0) ? 'its own text' : null, comment ? 'its first comment' : null].filter(
          Boolean,
        );
        if (lost.length > 0)
          say(`Unticked @${account.handle}: ${lost.join(' and ')} went with it.`, async () => {
            putBack();
            say(`Undone: @${account.handle} is ticked again with ${lost.join(' and ')}.`);
          });
        return;
      }
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
        putBack();
        say(`Undone: @${account.handle} is ticked again and its post is back on the calendar.`);
      };
      say(`Cancelled on @${account.handle}${at ? ` (was ${at.weekday} ${at.date} ${at.time})` : ''}: it will not be published there.`, undo);
    },
    [post, deliveries, zone, edit, say, request],
  );
}
