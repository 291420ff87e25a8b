import type { CalendarDay } from '@/lib/schedule/calendar-grid';
import { Button } from '../ui/Button';

export type CalendarMode = 'week' | 'month';

interface Props {
  mode: CalendarMode;
  onMode: (mode: CalendarMode) => void;
  onStep: (direction: 1 | -1) => void;
  onToday: () => void;
  days: CalendarDay[];
  zone: string;
}

export function CalendarNav({ mode, onMode, onStep, onToday, days, zone }: Props) {
  const visible = days.filter((day) => day.inMonth);
  const range = `${visible[0]?.date ?? ''} – ${visible.at(-1)?.date ?? ''}`;
  return (
    <div className="calendar__nav">
      <div role="group" aria-label="Show">
        {(['week', 'month'] as const).map((option) => (
          <Button key={option} type="button" aria-pressed={mode === option} onClick={() => onMode(option)}>
            {option === 'week' ? 'Week' : 'Month'}
          </Button>
        ))}
      </div>
      <Button type="button" onClick={() => onStep(-1)} aria-label={`Previous ${mode}`}>
        ‹
      </Button>
      <Button type="button" onClick={onToday}>
        Today
      </Button>
      <Button type="button" onClick={() => onStep(1)} aria-label={`Next ${mode}`}>
        ›
      </Button>
      <span className="calendar__range" data-testid="calendar-range">
        {range} ({zone})
      </span>
    </div>
  );
}
