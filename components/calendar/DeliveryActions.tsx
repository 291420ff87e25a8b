import { useState } from 'react';
import type { Account, Delivery } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useServices } from '../data/store-context';
import { actionsFor, methodWords, reasonOf, type DeliveryAction } from './delivery-status';
import { PublishedActions } from './PublishedActions';
import { Button } from '../ui/Button';

interface Props {
  delivery: Delivery;
  account: Account | undefined;
  onEdit: () => void;
  /** Set when the post may move: opens the Move… form (as M does). */
  onMoveForm: (() => void) | null;
  /** Set when the post may be taken back to drafts (lib/publish/actions.ts isUnschedulable). */
  onUnschedule: (() => void) | null;
  /** "the 13:21 post on @handle", for the tools' accessible names. */
  which: string;
}

const LABELS: Record<DeliveryAction, string> = {
  retry: 'Retry',
  edit: 'Edit',
  publishHeld: 'Publish now',
  confirm: 'Confirm posted',
  snooze: 'Snooze 15 min',
};

/** The reason a post needs the user, and what they can do about it; the background does the work. */
export function DeliveryActions({ delivery, account, onEdit, onMoveForm, onUnschedule, which }: Props) {
  const { request } = useServices();
  const [status, setStatus] = useState('');
  const [isBusy, setBusy] = useState(false);
  const reason = reasonOf(delivery, account);
  const run = async (action: DeliveryAction) => {
    if (action === 'edit') return onEdit();
    setBusy(true);
    setStatus('');
    try {
      const deliveryId = delivery.id;
      if (action === 'retry') await request('delivery.retry', { deliveryId });
      else if (action === 'publishHeld') await request('delivery.publishHeld', { deliveryId });
      else if (action === 'confirm') await request('delivery.confirm', { deliveryId });
      else await request('delivery.snooze', { deliveryId, minutes: 15 });
    } catch (error) {
      setStatus(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="chip__detail">
      <span className="chip__method">{methodWords(delivery)}</span>
      {onMoveForm ? (
        <Button type="button" className="chip__tool" aria-label={`Move… ${which}`} onClick={onMoveForm}>
          Move…
        </Button>
      ) : null}
      {onUnschedule ? (
        <Button type="button" className="chip__tool" aria-label={`Unschedule ${which}`} onClick={onUnschedule}>
          Unschedule
        </Button>
      ) : null}
      {reason ? <p className="chip__reason">{reason}</p> : null}
      {actionsFor(delivery, account).length > 0 ? (
        <div className="chip__actions" role="group" aria-label={`Actions for this post on @${account?.handle ?? delivery.accountId}`}>
          {actionsFor(delivery, account).map((action) => (
            <Button key={action} type="button" disabled={isBusy} onClick={() => void run(action)}>
              {LABELS[action]}
            </Button>
          ))}
        </div>
      ) : null}
      {status ? (
        <p role="alert" className="chip__error">
          {status}
        </p>
      ) : null}
      {delivery.state === 'published' || delivery.state === 'deleted' ? <PublishedActions delivery={delivery} account={account} /> : null}
    </div>
  );
}
