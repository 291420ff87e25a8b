import { useRef } from 'react';
import type { GapSuggestion, PlanGap } from '@/lib/analytics/plan-gaps';
import type { Account } from '@/lib/model';
import { slotWords } from '../insights/best-time-words';
import { Button } from '../ui/Button';

/**
 * A day with nothing planned, and the account's best hours that day from its own history. One
 * click adds an hour to the weekly schedule; focus stays in the note, whose button just went.
 */
export function GapNote({ gap, accounts, onAdd }: { gap: PlanGap; accounts: Account[]; onAdd: (suggestion: GapSuggestion) => Promise<void> }) {
  const box = useRef<HTMLDivElement>(null);
  const handle = (id: string) => accounts.find((a) => a.id === id)?.handle ?? id;
  return (
    <div className={`day__plan-gap${gap.suggestions.length ? ' day__plan-gap--suggested' : ''}`} data-testid="plan-gap" ref={box} tabIndex={-1}>
      <span className="day__plan-gap-label">Nothing planned</span>
      {gap.suggestions.length ? <span className="day__plan-gap-hint"> · suggested from history:</span> : null}
      {gap.suggestions.map((suggestion) => (
        <Button
          key={`${suggestion.accountId} ${suggestion.slot.time}`}
          type="button"
          className="day__suggestion"
          data-testid="gap-suggestion"
          aria-label={`Add ${slotWords(suggestion.slot)} to @${handle(suggestion.accountId)}’s posting schedule, a best time from its history`}
          title={`Add ${slotWords(suggestion.slot)} to @${handle(suggestion.accountId)}’s posting schedule`}
          onClick={() => void onAdd(suggestion).then(() => box.current?.focus())}
        >
          + {suggestion.slot.time}
          <span className="day__suggestion-who"> @{handle(suggestion.accountId)}</span>
        </Button>
      ))}
    </div>
  );
}
