import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Account, Workspace } from '@/lib/model';
import { wallTime } from '@/lib/schedule/wall-time';
import { errorText } from '../common/error-text';
import { useAccountQueues, useSwapSlots, type Queued } from '../data/calendar';
import { Button } from '../ui/Button';

/** How many queued posts of each account the list shows: enough to plan the next weeks. */
const SHOWN = 30;

/**
 * Each account's queued posts in order; Move earlier / Move later (or Alt+↑ / Alt+↓ on a row)
 * trades a post's slot time with its neighbour's (lib/schedule/swap-slots.ts). Posts handed to
 * Mastodon's scheduler keep the time the server holds, so they are not listed.
 */
export function QueueOrder({ workspace, accounts }: { workspace: Workspace; accounts: Account[] }) {
  const swapSlots = useSwapSlots();
  const [isOpen, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  const list = useRef<HTMLDivElement | null>(null);
  const [focusAfter, setFocusAfter] = useState<{ id: string; by: -1 | 1; before: unknown } | null>(null);
  const queues = useAccountQueues(accounts, isOpen, SHOWN);

  const move = async (items: Queued[], index: number, by: -1 | 1) => {
    const mine = items[index];
    const other = items[index + by];
    if (!mine || !other) return;
    try {
      const {
        value: [moved],
        nudgeFailed,
      } = await swapSlots(mine.delivery.id, other.delivery.id);
      const when = wallTime(moved.dueAt ?? 0, workspace.timeZone);
      setStatus(
        `Moved “${mine.text}” ${by < 0 ? 'earlier' : 'later'}, to ${when.weekday} ${when.date} ${when.time} (${workspace.timeZone}); “${other.text}” takes its old slot.`,
      );
      setFocusAfter({ id: mine.delivery.id, by, before: queues });
      if (nudgeFailed) setStatus(nudgeFailed);
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  // The moved post keeps the focus once the list shows its new place, so Enter or Alt+arrow again moves it further.
  useEffect(() => {
    if (!focusAfter || focusAfter.before === queues) return;
    const row = list.current?.querySelector(`[data-queued="${focusAfter.id}"]`);
    const buttons = [...(row?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const wanted = buttons[focusAfter.by < 0 ? 0 : 1];
    (wanted && !wanted.disabled ? wanted : buttons.find((button) => !button.disabled))?.focus();
    setFocusAfter(null);
  }, [queues, focusAfter]);
  const onKey = (event: KeyboardEvent, items: Queued[], index: number) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    void move(items, index, event.key === 'ArrowUp' ? -1 : 1);
  };

  return (
    <details className="queue-order" open={isOpen} onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>Reorder the queue</summary>
      <div ref={list}>
        {queues === undefined || (isOpen && queues === null) ? <p aria-busy="true">Reading the queue…</p> : null}
        {(queues ?? []).map(({ account, queued }) => (
          <section key={account.id} aria-label={`Queue of @${account.handle}`}>
            <h3 className="queue-order__account">@{account.handle}</h3>
            {queued.length === 0 ? (
              <p className="muted">Nothing queued for @{account.handle}. Add to queue in Compose puts posts here.</p>
            ) : (
              <ol className="queue-order__list">
                {queued.map((item, index) => {
                  const when = wallTime(item.delivery.dueAt ?? 0, workspace.timeZone);
                  return (
                    <li
                      key={item.delivery.id}
                      data-queued={item.delivery.id}
                      onKeyDown={(event) => onKey(event, queued, index)}
                      aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
                    >
                      <span className="queue-order__when">
                        {when.weekday} {when.date} {when.time}
                      </span>{' '}
                      <span className="queue-order__text">{item.text}</span>{' '}
                      <Button type="button" disabled={index === 0} onClick={() => void move(queued, index, -1)} aria-label={`Move “${item.text}” earlier`}>
                        Earlier
                      </Button>
                      <Button
                        type="button"
                        disabled={index === queued.length - 1}
                        onClick={() => void move(queued, index, 1)}
                        aria-label={`Move “${item.text}” later`}
                      >
                        Later
                      </Button>
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
        ))}
      </div>
      <p role="status" aria-live="polite" data-testid="queue-order-status">
        {status}
      </p>
    </details>
  );
}
