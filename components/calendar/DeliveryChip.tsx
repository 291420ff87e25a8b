import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Account, Delivery } from '@/lib/model';
import { isUnschedulable } from '@/lib/schedule/unschedulable';
import { isMovable } from '@/lib/schedule/queue-post';
import { wallTime } from '@/lib/schedule/wall-time';
import { DeliveryActions } from './DeliveryActions';
import { HandOffStatus, handOffWords } from './HandOffStatus';
import { attentionOf } from './delivery-status';
import { MoveForm } from './MoveForm';
import { Button } from '../ui/Button';
import { Avatar } from '../ui/Avatar';
import { StatusChip, type Tone } from '../ui/StatusChip';

interface Props {
  delivery: Delivery;
  account: Account | undefined;
  /** The first part's text: what went out, once published (lib/publish/sent.ts). */
  text: string;
  /** Published, and the post's words changed since: the chip says so. */
  isEditedSince: boolean;
  /** The post's first comment (issue 22), as it went out once published; null: none. */
  comment?: string | null;
  /** Post.evergreenDays: the post comes round again this many days after it is published. */
  evergreenDays: number | null;
  zone: string;
  onOpen: () => void;
  /** To this local date, at `time` (HH:MM in `zone`) or else at the same time of day. */
  onMove: (date: string, time?: string) => void;
  /** Unschedule: the post goes back to drafts; `which` names it in the feedback. */
  onUnschedule: (which: string) => void;
  /** A sentence for the Calendar's status line, for actions after which this chip is gone. */
  onNote: (text: string) => void;
}

/** Past this many pixels a press is a drag, not a click. */
const DRAG_THRESHOLD = 5;

/**
 * A post on the calendar. Dragging uses pointer events rather than HTML5 drag and drop: one
 * code path for mouse, pen and touch, and the drop target is simply the day under the pointer.
 * Keyboard: Enter opens it, `m` (or the Move… button) offers a "Move to…" date and time.
 */
export function DeliveryChip({ delivery, account, text, isEditedSince, comment = null, evergreenDays, zone, onOpen, onMove, onUnschedule, onNote }: Props) {
  const [isMoving, setMoving] = useState(false);
  const [isDragging, setDragging] = useState(false);
  const start = useRef<{ x: number; y: number } | null>(null);
  // A ref, not state: the click that follows pointerup must see the drag synchronously.
  const wasDragged = useRef(false);
  const when = delivery.dueAt === null ? null : wallTime(delivery.dueAt, zone);
  const attention = attentionOf(delivery, account);
  const stateWords = attention === 'danger' && delivery.state !== 'failed' ? 'waiting for account' : (handOffWords(delivery) ?? delivery.state);
  const which = `the ${when?.time ?? ''} post on @${account?.handle ?? delivery.accountId}`;

  const onPointerDown = (event: PointerEvent<HTMLButtonElement>) => {
    start.current = { x: event.clientX, y: event.clientY };
    wasDragged.current = false;
    event.currentTarget.setPointerCapture?.(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent) => {
    const from = start.current;
    if (from && Math.hypot(event.clientX - from.x, event.clientY - from.y) > DRAG_THRESHOLD) {
      wasDragged.current = true;
      setDragging(true);
    }
  };
  const onPointerUp = (event: PointerEvent) => {
    start.current = null;
    if (!wasDragged.current) return;
    setDragging(false);
    const day = document.elementsFromPoint(event.clientX, event.clientY).find((element) => element instanceof HTMLElement && element.dataset.date);
    if (day instanceof HTMLElement && day.dataset.date) onMove(day.dataset.date);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'm' && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      setMoving(true);
    }
  };

  return (
    <li
      className={`chip chip--${delivery.state}${attention ? ` chip--${attention}` : ''}${isDragging ? ' chip--dragging' : ''}`}
      data-delivery={delivery.id}
      data-state={delivery.state}
    >
      <Button
        type="button"
        className="chip__button"
        aria-keyshortcuts="m"
        aria-label={`${when?.time ?? ''} @${account?.handle ?? '?'}, ${stateWords}${evergreenDays ? `, recycles every ${evergreenDays} days` : ''}: ${text}${comment ? `, with a first comment: ${comment}` : ''}${isEditedSince ? ' (edited since it was posted)' : ''}. Press M to move.`}
        onClick={() => (wasDragged.current ? undefined : onOpen())}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onKeyDown={onKeyDown}
      >
        <Avatar name={account?.displayName ?? null} handle={account?.handle ?? delivery.accountId} network={delivery.network} size={20} />{' '}
        <span className="chip__time">{when?.time}</span> <span className="chip__who">@{account?.handle ?? delivery.accountId}</span>{' '}
        <StatusChip tone={toneOf(delivery, attention)} className="chip__state">
          {stateWords}
        </StatusChip>{' '}
        {evergreenDays ? (
          <span className="chip__evergreen" data-testid="chip-evergreen">
            ↻ {evergreenDays} d
          </span>
        ) : null}{' '}
        <span className="chip__text">{text.slice(0, 60)}</span>
        {comment ? (
          <span className="chip__comment" data-testid="chip-comment" title={comment}>
            {' '}
            + first comment: {comment.slice(0, 40)}
          </span>
        ) : null}
      </Button>
      {isEditedSince ? (
        <p className="chip__edited" data-testid="chip-edited">
          Edited since it was posted: this is what went out.
        </p>
      ) : null}
      <DeliveryActions
        delivery={delivery}
        account={account}
        onEdit={onOpen}
        onMoveForm={when && isMovable(delivery) ? () => setMoving(true) : null}
        onUnschedule={isUnschedulable(delivery) ? () => onUnschedule(which) : null}
        which={which}
      />
      <HandOffStatus delivery={delivery} account={account} zone={zone} onNote={onNote} />
      {isMoving && when ? (
        <MoveForm
          date={when.date}
          time={when.time}
          zone={zone}
          onMove={(date, time) => {
            setMoving(false);
            onMove(date, time);
          }}
          onCancel={() => setMoving(false)}
        />
      ) : null}
    </li>
  );
}

/** The chip's status colour and icon; the word beside them says the same (issue 24: never colour alone). */
function toneOf(delivery: Delivery, attention: ReturnType<typeof attentionOf>): Tone {
  if (attention) return attention;
  if (delivery.state === 'published') return 'success';
  if (delivery.state === 'scheduled' || delivery.state === 'publishing') return 'info';
  return 'neutral';
}
