import { useState } from 'react';
import { wallTime } from '@/lib/schedule/wall-time';
import { errorText } from '../common/error-text';
import { useImportedActions } from '../data/imported';
import { useImportedHolds } from '../data/imported-holds';
import { Button } from '../ui/Button';

/**
 * Said on every view while imported posts wait to be confirmed (issue 18, hole 8): the browser the
 * backup came from may publish them too, so this one publishes them only after the user says so.
 */
export function ImportedHolds() {
  const imported = useImportedActions();
  const [status, setStatus] = useState('');
  const [isBusy, setBusy] = useState(false);
  const held = useImportedHolds();
  const count = held?.length ?? 0;
  if (count === 0 && status === '') return null;

  const act = async (what: 'confirm' | 'drafts') => {
    setBusy(true);
    setStatus('');
    try {
      const now = Date.now();
      let nudgeFailed: string | null;
      if (what === 'confirm') {
        const { value: done, ...told } = await imported.confirm(now);
        nudgeFailed = told.nudgeFailed;
        setStatus(confirmWords(done));
      } else {
        const { value: done, ...told } = await imported.toDrafts(now);
        nudgeFailed = told.nudgeFailed;
        setStatus(
          `${plural(done.drafts, 'post')} moved to drafts.` +
            (done.mayBeOut
              ? ` ${plural(done.mayBeOut, 'post')} may already be out, so ${done.mayBeOut === 1 ? 'it stays' : 'they stay'} on the Calendar for you to check.`
              : ''),
        );
      }
      if (nudgeFailed) setStatus((text) => `${text} ${nudgeFailed}`);
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
            {count === 1 ? '1 imported post is' : `${count} imported posts are`} waiting for you to confirm: {count === 1 ? 'it' : 'they'} may also be scheduled
            in the browser this backup came from. Confirm only if that browser will not publish {count === 1 ? 'it' : 'them'}.
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
            <Button type="button" disabled={isBusy} onClick={() => void act('confirm')}>
              Confirm and schedule
            </Button>
            <Button type="button" disabled={isBusy} onClick={() => void act('drafts')}>
              Move to drafts
            </Button>
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
