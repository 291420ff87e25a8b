import { useState } from 'react';
import type { Account, Delivery } from '@/lib/model';
import { wallTime } from '@/lib/schedule/wall-time';
import { errorText } from '../common/error-text';
import { useServices } from '../data/store-context';
import { Button } from '../ui/Button';

interface Props {
  delivery: Delivery;
  account: Account | undefined;
  zone: string;
  /** Said in the Calendar's status line: once cancelled, the chip itself is gone (the post is a draft). */
  onNote: (text: string) => void;
}

/** The chip's words for a post handed to Mastodon's scheduler, or null for any other post. */
export function handOffWords(delivery: Delivery): string | null {
  if (delivery.method !== 'server-scheduled') return null;
  if (delivery.state === 'publishing') return 'handing to server';
  if (delivery.state === 'scheduled') return 'on Mastodon’s server';
  return null;
}

/**
 * A post handed to Mastodon's scheduler (lib/publish/hand-off.ts): where it is, and "Cancel
 * hand-off", which deletes it on the server first and then makes it a draft again (hand-off.ts
 * `cancelDelivery`); the edit lock (lib/schedule/edit-lock.ts) sends the user here.
 */
export function HandOffStatus({ delivery, account, zone, onNote }: Props) {
  const { request } = useServices();
  const [status, setStatus] = useState('');
  const [isBusy, setBusy] = useState(false);
  if (delivery.method !== 'server-scheduled' || delivery.state !== 'scheduled' || !delivery.remote) return null;
  const handle = account ? `@${account.handle}` : 'the account';
  const when = delivery.dueAt === null ? null : wallTime(delivery.dueAt, zone);
  const cancel = async () => {
    setBusy(true);
    setStatus('');
    try {
      await request('delivery.cancel', { deliveryId: delivery.id });
      onNote(`Hand-off cancelled: ${handle}'s server no longer holds the post, and it is a draft again. Open it in Compose to edit or schedule it.`);
    } catch (error) {
      setStatus(errorText(error));
      setBusy(false);
    }
  };
  return (
    <div className="chip__hand-off" data-testid="chip-hand-off">
      <p>
        Held by {handle}'s Mastodon server{when ? `, out at ${when.time} (${zone})` : ''} even with the browser closed. Its words cannot change there.
      </p>
      <Button type="button" disabled={isBusy} onClick={() => void cancel()}>
        Cancel hand-off
      </Button>
      {status ? (
        <p role="alert" className="chip__error">
          {status}
        </p>
      ) : null}
    </div>
  );
}
