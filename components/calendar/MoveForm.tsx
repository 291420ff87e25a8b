import { useState, type FormEvent } from 'react';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';

interface Props {
  date: string;
  time: string;
  /** The workspace's time zone: the date and time are read there. */
  zone: string;
  onMove: (date: string, time: string) => void;
  onCancel: () => void;
}

/** The keyboard way to reschedule (M, or Move… on the chip): a date and a time of day in the workspace's zone. */
export function MoveForm({ date, time, zone, onMove, onCancel }: Props) {
  const [day, setDay] = useState(date);
  const [clock, setClock] = useState(time);
  const [problem, setProblem] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!day || !/^\d{2}:\d{2}$/.test(clock)) return setProblem('Pick a date and a time (hours and minutes) to move the post to.');
    onMove(day, clock.slice(0, 5));
  };
  return (
    <form className="move-form" aria-label="Move this post" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <label>
        Move to…
        <TextField type="date" value={day} onChange={(event) => setDay(event.target.value)} autoFocus />
      </label>
      <label>
        at <span className="muted">({zone})</span>
        <TextField type="time" value={clock} onChange={(event) => setClock(event.target.value.slice(0, 5))} aria-label={`Time in ${zone}`} />
      </label>
      <Button type="submit">Move</Button>
      <Button type="button" onClick={onCancel}>
        Cancel
      </Button>
      {problem ? <p role="alert">{problem}</p> : null}
    </form>
  );
}
