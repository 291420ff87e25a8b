import { useState } from 'react';
import type { Account, Delivery, Post, Workspace } from '@/lib/model';
import { validRows } from '@/lib/store';
import { confirmImported, draftImported, importedHolds } from '@/lib/schedule/imported';
import { wallTime } from '@/lib/schedule/wall-time';
import { errorText } from '../common/error-text';
import { useLiveQuery, useServices } from '../common/store-context';

interface Held {
  delivery: Delivery;
  account: Account | undefined;
  post: Post | undefined;
  zone: string;
}

/**
 * Said on every view while imported posts wait to be confirmed (issue 18, hole 8): the browser the
 * backup came from may publish them too, so this one publishes them only after the user says so.
 */
export function ImportedHolds() {
  const { store, request } = useServices();
  const [status, setStatus] = useState('');
  const [isBusy, setBusy] = useState(false);
  const held = useLiveQuery(
    ['deliveries', 'posts', 'accounts', 'workspaces'],
    async (s): Promise<Held[]> => {
      const rows = await importedHolds(s);
      const accounts = validRows(await s.accounts.list());
      const workspaces = validRows(await s.workspaces.list()) as Workspace[];
      return Promise.all(
        rows.map(async (delivery) => {
          const post = await s.posts.get(delivery.postId);
          return {
            delivery,
            account: accounts.find((a) => a.id === delivery.accountId),
            post: post?.ok ? post.value : undefined,
            zone: workspaces.find((w) => w.id === delivery.workspaceId)?.timeZone ?? 'UTC',
          };
        }),
      );
    },
    [],
  );
  const count = held?.length ?? 0;
  if (count === 0 && status === '') return null;

  const act = async (what: 'confirm' | 'drafts') => {
    setBusy(true);
    setStatus('');
    try {
      const now = Date.now();
      if (what === 'confirm') {
        const done = await confirmImported(store, now);
        setStatus(confirmWords(done));
      } else {
        const done = await draftImported(store, now);
        setStatus(
          `${plural(done.drafts, 'post')} moved to drafts.` +
            (done.mayBeOut ? ` ${plural(done.mayBeOut, 'post')} may already be out, so ${done.mayBeOut === 1 ? 'it stays' : 'they stay'} on the Calendar for you to check.` : ''),
        );
      }
      await request('schedule.changed', {}).catch((error: unknown) => setStatus((text) => `${text} ${errorText(error)}`));
    } catch (error) {
      setStatus(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="read-problem imported-holds" aria-labelledby="imported-holds-title" data-testid="imported-holds">
      {count > 0 ? (
        <>
          <p id="imported-holds-title">
            {count === 1 ? '1 imported post is' : `${count} imported posts are`} waiting for you to confirm: {count === 1 ? 'it' : 'they'} may also be
            scheduled in the browser this backup came from. Confirm only if that browser will not publish {count === 1 ? 'it' : 'them'}.
          </p>
          <details>
            <summary>Show {count === 1 ? 'it' : 'them'}</summary>
            <ul>
              {held!.map(({ delivery, account, post, zone }) => (
                <li key={delivery.id}>
                  @{account?.handle ?? delivery.accountId}
                  {delivery.dueAt !== null ? `, ${whenWords(delivery.dueAt, zone)}` : ''}: {(post?.text ?? '').slice(0, 80) || '(no text)'}
                </li>
              ))}
            </ul>
          </details>
          <div role="group" aria-label="Imported posts">
            <button type="button" disabled={isBusy} onClick={() => void act('confirm')}>
              Confirm and schedule
            </button>
            <button type="button" disabled={isBusy} onClick={() => void act('drafts')}>
              Move to drafts
            </button>
          </div>
        </>
      ) : null}
      <p role="status" aria-live="polite" data-testid="imported-holds-status">
        {status}
      </p>
    </section>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function whenWords(at: number, zone: string): string {
  const wall = wallTime(at, zone);
  return `${wall.weekday} ${wall.date} ${wall.time}`;
}

function confirmWords(done: { onTime: number; nextSlot: number; now: number }): string {
  const parts = [
    done.onTime ? `${plural(done.onTime, 'post')} at ${done.onTime === 1 ? 'its' : 'their'} time` : '',
    done.nextSlot ? `${plural(done.nextSlot, 'post')} in the next free slot (${done.nextSlot === 1 ? 'its' : 'their'} time had passed)` : '',
    done.now ? `${plural(done.now, 'post')} now (${done.now === 1 ? 'its' : 'their'} time had passed and the account has no posting schedule)` : '',
  ].filter(Boolean);
  return parts.length ? `Scheduled again: ${parts.join(', ')}.` : 'Nothing was waiting any more.';
}
