import { useEffect, useRef } from 'react';
import { scheduleSuggestions } from '@/lib/analytics/schedule-suggestions';
import type { Account, Slot, Workspace } from '@/lib/model';
import { addTime } from '@/lib/schedule/slot-editor';
import { useBestTimes } from '../data/calendar';
import { measureWords, shortfallText, slotWords } from '../insights/best-time-words';
import './schedule-suggestions.css';
import { Button } from '../ui/Button';

type Save = (change: (slots: Slot[]) => Slot[], done: string) => Promise<void>;

/**
 * The account's best hours of the week from its own history (lib/analytics/best-time.ts), offered
 * as slots one click adds — or, below the minimum history, an honest "not enough data yet".
 * After a click the button turns into "in your schedule", so focus moves on to the next offer.
 */
export function ScheduleSuggestions({ workspace, account, save }: { workspace: Workspace; account: Account; save: Save }) {
  // Metrics, not deliveries: a post only teaches anything once its numbers have been read.
  const bestTimes = useBestTimes(workspace, [account], `${account.id}:${account.publishMode}`);
  const best = bestTimes ? { result: bestTimes[0]?.result } : undefined;
  const box = useRef<HTMLDivElement>(null);
  const movesFocus = useRef(false);
  const offer = best ? scheduleSuggestions(best.result, account.schedule) : null;
  useEffect(() => {
    if (!movesFocus.current || !box.current) return;
    movesFocus.current = false;
    (box.current.querySelector<HTMLButtonElement>('button:not(:disabled)') ?? box.current).focus();
  }, [account.schedule]);

  if (offer === null)
    return (
      <p aria-busy="true" className="muted">
        Reading your history…
      </p>
    );
  if (offer.status === 'not-measured') {
    return (
      <p className="help schedule-suggestions">
        Suggestions come from measured posts; @{account.handle} is posted by reminder, so Cadence cannot read its numbers.
      </p>
    );
  }
  if (offer.status === 'not-enough-data') {
    return (
      <p className="help schedule-suggestions" data-testid="schedule-suggestions">
        Suggested from your history: not enough data yet — {shortfallText(offer)}.
      </p>
    );
  }
  const open = offer.slots.filter((s) => !s.isInSchedule).map((s) => s.slot);
  const add = (slots: Slot[], done: string) => {
    movesFocus.current = true;
    void save((current) => slots.reduce((next, slot) => addTime(next, slot.weekday, slot.time), current), done);
  };
  return (
    <div className="schedule-suggestions" data-testid="schedule-suggestions" ref={box} tabIndex={-1} role="group" aria-labelledby="schedule-suggestions-label">
      <p id="schedule-suggestions-label">
        Suggested from your history{' '}
        <span className="muted">
          ({offer.measuredPosts} measured posts, {measureWords(offer.measure)}, best first, in {workspace.timeZone})
        </span>
        :
      </p>
      <ul>
        {offer.slots.map(({ slot, isInSchedule }) => (
          <li key={`${slot.weekday} ${slot.time}`}>
            {isInSchedule ? (
              <span className="schedule-suggestions__taken">{slotWords(slot)} — in your schedule</span>
            ) : (
              <Button type="button" onClick={() => add([slot], `Added ${slotWords(slot)} from your history.`)}>
                Add {slotWords(slot)}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {open.length > 1 ? (
        <Button type="button" onClick={() => add(open, `Added ${open.length} suggested times.`)}>
          Add all {open.length}
        </Button>
      ) : null}
    </div>
  );
}
