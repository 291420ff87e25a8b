import { useId } from 'react';
import type { GapSuggestion, PlanGap } from '@/lib/analytics/plan-gaps';
import type { Account, Delivery } from '@/lib/model';
import { isUnschedulable } from '@/lib/schedule/unschedulable';
import type { CalendarDay } from '@/lib/schedule/calendar-grid';
import { useOpenInCompose } from '../compose/compose-target';
import type { ChipWords } from '../data/calendar';
import { CampaignBand } from './CampaignBand';
import { dayLabel } from './day-label';
import { DayMoreToggle } from './DayMoreToggle';
import { DeliveryChip } from './DeliveryChip';
import { freeSlotsOn } from './free-slots';
import { GapNote } from './GapNote';
import { shownChips } from './shown-chips';
import { Button } from '../ui/Button';

interface Props {
  day: CalendarDay;
  isToday: boolean;
  accounts: Account[];
  /** This day's deliveries, earliest first (deliveriesByDay). */
  deliveries: readonly Delivery[];
  /** Show at most this many posts until the day is expanded ("+N more"); null shows all (the week view). */
  limit: number | null;
  isExpanded: boolean;
  onExpand: (isExpanded: boolean) => void;
  /** The shown chips' words (ChipWords): a chip is drawn once its words are in. */
  words: ChipWords['words'];
  evergreen: Record<string, number>;
  /** Campaigns running on this day (see lib/analytics/campaign-bands.ts). */
  bands?: string[];
  /** Set when nothing is planned on this day (see lib/analytics/plan-gaps.ts). */
  gap?: PlanGap;
  onAddSlot: (suggestion: GapSuggestion) => Promise<void>;
  zone: string;
  now: number;
  onMove: (delivery: Delivery, date: string, time?: string) => void;
  /** Unschedule these (one chip, the day, a campaign); `what` opens the feedback line. */
  onUnschedule: (deliveries: Delivery[], what: string) => void;
  onNote: (text: string) => void;
}

export function DayCell({
  day,
  isToday,
  accounts,
  deliveries,
  limit,
  isExpanded,
  onExpand,
  words,
  evergreen,
  bands = [],
  gap,
  onAddSlot,
  zone,
  now,
  onMove,
  onUnschedule,
  onNote,
}: Props) {
  const openInCompose = useOpenInCompose();
  const listId = useId();
  const overflow = limit === null ? 0 : Math.max(0, deliveries.length - limit);
  // A chip is drawn once its words are read (the day was just opened, the range just read): drawn
  // without them it would be drawn twice, and a screen reader would hear it without its text.
  const shown = shownChips(deliveries, limit, isExpanded).filter((delivery) => words[delivery.id]);
  // A slot is held only by a post at its own instant, which lies in this day: the day's posts are all it needs.
  const free = freeSlotsOn(day, accounts, deliveries, zone, now);
  const label = dayLabel(day.date);
  const waiting = deliveries.filter(isUnschedulable);
  const workspaceId = accounts[0]?.workspaceId ?? deliveries[0]?.workspaceId ?? '';
  return (
    <section
      className={`day${day.inMonth ? '' : ' day--outside'}${isToday ? ' day--today' : ''}`}
      data-date={day.date}
      aria-label={`${label}${isToday ? ', today' : ''}`}
    >
      <div className="day__head">
        <h3 className="day__label">{label}</h3>
        {waiting.length > 0 ? (
          <Button
            type="button"
            className="day__tool"
            aria-label={`Unschedule day: ${waiting.length === 1 ? 'one post' : `${waiting.length} posts`} waiting on ${label}`}
            onClick={() => onUnschedule(waiting, `Unscheduled ${label}`)}
          >
            Unschedule day
          </Button>
        ) : null}
      </div>
      {bands.map((campaign) => (
        <CampaignBand key={campaign} campaign={campaign} workspaceId={workspaceId} isDayEmpty={deliveries.length === 0} onUnschedule={onUnschedule} />
      ))}
      {gap ? <GapNote gap={gap} accounts={accounts} onAdd={onAddSlot} /> : null}
      <ul className="day__items" id={listId}>
        {shown.map((delivery) => (
          <DeliveryChip
            key={delivery.id}
            delivery={delivery}
            account={accounts.find((a) => a.id === delivery.accountId)}
            text={words[delivery.id]?.text ?? ''}
            isEditedSince={words[delivery.id]?.isEditedSince ?? false}
            comment={words[delivery.id]?.comment ?? null}
            evergreenDays={evergreen[delivery.postId] ?? null}
            zone={zone}
            onOpen={() => openInCompose({ postId: delivery.postId })}
            onMove={(date, time) => onMove(delivery, date, time)}
            onUnschedule={(which) => onUnschedule([delivery], `Unscheduled ${which}`)}
            onNote={onNote}
          />
        ))}
      </ul>
      {overflow > 0 ? (
        <DayMoreToggle dayLabel={label} hiddenCount={overflow} isExpanded={isExpanded} controls={listId} onToggle={() => onExpand(!isExpanded)} />
      ) : null}
      {free.length > 0 ? (
        <ul className="day__items">
          {free.map((slot) => (
            <li key={`${slot.account.id}-${slot.at}`} className="slot-free" data-testid="free-slot">
              {slot.time} @{slot.account.handle} — free
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
