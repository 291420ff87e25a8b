import type { Account, Delivery } from '@/lib/model';
import { isUnschedulable } from '@/lib/schedule/unschedulable';
import { wallTime } from '@/lib/schedule/wall-time';
import type { Notice } from '../common/use-notice';
import { Button } from '../ui/Button';

interface Props {
  deliveries: readonly Delivery[];
  accounts: readonly Account[];
  zone: string;
  notice: Notice;
  onUnschedule: (waiting: Delivery[]) => void;
}

/** The open post's deliveries still waiting to go out, with Unschedule (issue 17), and the last action's feedback. */
export function QueuedNotice({ deliveries, accounts, zone, notice, onUnschedule }: Props) {
  const waiting = deliveries.filter(isUnschedulable);
  if (waiting.length === 0 && !notice.text) return null;
  const when = (d: Delivery) => {
    const handle = accounts.find((account) => account.id === d.accountId)?.handle ?? d.accountId;
    if (d.dueAt === null) return `@${handle}`;
    const at = wallTime(d.dueAt, zone);
    return `${at.weekday} ${at.date} ${at.time} (${zone}) on @${handle}`;
  };
  return (
    <div className="compose__queued" data-testid="compose-queued">
      {waiting.length > 0 ? (
        <p data-testid="compose-waiting">
          Waiting to go out: {waiting.map(when).join('; ')}. Schedule at… moves it; unticking an account cancels it there.{' '}
          <Button type="button" onClick={() => onUnschedule(waiting)}>
            Unschedule
          </Button>
        </p>
      ) : null}
      <p role="status" aria-live="polite" data-testid="compose-queued-status">
        {notice.text}
        {notice.undo ? (
          <>
            {' '}
            <Button type="button" onClick={() => void notice.undo?.()}>
              Undo
            </Button>
          </>
        ) : null}
      </p>
    </div>
  );
}
