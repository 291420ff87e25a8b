import { useEffect, useRef, useState } from 'react';
import { AppError } from '@/lib/errors';
import type { Account, Delivery } from '@/lib/model';
import { NETWORK_NAMES } from '@/lib/model/network-names';
import { canEditOnNetwork, isOnNetwork } from '@/lib/schedule/on-network';
import { shownWords } from '@/lib/schedule/shown-words';
import { errorText } from '../common/error-text';
import { useServices } from '../data/store-context';
import { SentRecord } from './SentRecord';
import { Button } from '../ui/Button';
import { TextArea } from '../ui/TextArea';

interface Props {
  delivery: Delivery;
  account: Account | undefined;
}

type Mode = 'idle' | 'confirm-delete' | 'edit';

/**
 * A published post on the calendar (issue 17): what went out, and deleting it from its network or,
 * on Mastodon, editing its text there. The background does the work; this says how it went.
 */
export function PublishedActions({ delivery, account }: Props) {
  const { request } = useServices();
  const [mode, setMode] = useState<Mode>('idle');
  const [isBusy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [failure, setFailure] = useState('');
  const shown = shownWords(delivery, null);
  const [drafts, setDrafts] = useState<string[]>(shown.parts);
  const focusTarget = useRef<HTMLButtonElement & HTMLTextAreaElement>(null);
  const name = NETWORK_NAMES[delivery.network];
  const who = `@${account?.handle ?? delivery.accountId}`;

  useEffect(() => {
    if (mode !== 'idle') focusTarget.current?.focus();
  }, [mode]);

  const act = async (what: () => Promise<unknown>, success: string) => {
    setBusy(true);
    setDone('');
    setFailure('');
    try {
      await what();
      setMode('idle');
      setDone(success);
    } catch (error) {
      // The background words these for this very action (lib/publish/after-publish.ts).
      setFailure(error instanceof AppError ? error.message : errorText(error));
    } finally {
      setBusy(false);
    }
  };
  const deleteIt = () =>
    act(() => request('delivery.deleteFromNetwork', { deliveryId: delivery.id }), `Deleted from ${name}. Cadence keeps the record of what went out.`);
  const saveEdit = () => act(() => request('delivery.editOnNetwork', { deliveryId: delivery.id, texts: drafts }), `Edited on ${name}.`);
  const startEdit = () => {
    setDrafts(shown.parts);
    setDone('');
    setFailure('');
    setMode('edit');
  };

  return (
    <div className="chip__published" data-testid="published-actions">
      {delivery.state === 'deleted' ? (
        <p className="chip__deleted" data-testid="chip-deleted">
          Deleted from {name}
          {delivery.deletedAt ? ` on ${new Date(delivery.deletedAt).toLocaleString()}` : ''}. What went out is kept below.
        </p>
      ) : null}
      {shown.editedAt !== null ? (
        <p className="chip__network-edited" data-testid="chip-network-edited">
          Edited on {name} on {new Date(shown.editedAt).toLocaleString()}: the words below are the ones there now.
        </p>
      ) : null}
      <SentRecord delivery={delivery} />
      {isOnNetwork(delivery) && mode === 'idle' ? (
        <div className="chip__actions" role="group" aria-label={`This post on ${who}, on ${name}`}>
          {canEditOnNetwork(delivery) ? (
            <Button type="button" disabled={isBusy} onClick={startEdit}>
              Edit on {name}
            </Button>
          ) : null}
          <Button type="button" disabled={isBusy} onClick={() => setMode('confirm-delete')}>
            Delete from {name}
          </Button>
        </div>
      ) : null}
      {mode === 'confirm-delete' ? (
        <div className="chip__confirm" role="group" aria-label={`Delete this post from ${name}?`}>
          <p>
            Delete this post from {name}? It goes for everyone who can see it on {who}; Cadence keeps its record here.
          </p>
          <Button type="button" ref={focusTarget} disabled={isBusy} onClick={() => void deleteIt()}>
            {isBusy ? 'Deleting…' : `Delete from ${name}`}
          </Button>
          <Button type="button" disabled={isBusy} onClick={() => setMode('idle')}>
            Keep it
          </Button>
        </div>
      ) : null}
      {mode === 'edit' ? (
        <form
          className="chip__edit"
          aria-label={`Edit this post on ${name}`}
          onSubmit={(event) => {
            event.preventDefault();
            void saveEdit();
          }}
        >
          {drafts.map((text, index) => (
            <label key={index}>
              {drafts.length === 1 ? 'New text' : `Part ${index + 1}`}
              <TextArea
                ref={index === 0 ? focusTarget : undefined}
                value={text}
                rows={4}
                onChange={(event) => setDrafts(drafts.map((draft, at) => (at === index ? event.target.value : draft)))}
              />
            </label>
          ))}
          <p className="chip__hint">Images, content warning and language stay as they are.</p>
          <Button type="submit" disabled={isBusy}>
            {isBusy ? 'Saving…' : 'Save edit'}
          </Button>
          <Button type="button" disabled={isBusy} onClick={() => setMode('idle')}>
            Cancel edit
          </Button>
        </form>
      ) : null}
      {done ? (
        <p role="status" className="chip__done" data-testid="published-status">
          {done}
        </p>
      ) : null}
      {failure ? (
        <p role="alert" className="chip__error" data-testid="published-error">
          {failure}
        </p>
      ) : null}
    </div>
  );
}
