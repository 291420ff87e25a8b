import { useState, type FormEvent } from 'react';

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
        <input type="date" value={day} onChange={(event) => setDay(event.target.value)} autoFocus />
      </label>
      <label>
        at <span className="muted">({zone})</span>
        <input type="time" value={clock} onChange={(event) => setClock(event.target.value.slice(0, 5))} aria-label={`Time in ${zone}`} />
      </label>
      <button type="submit">Move</button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {problem ? <p role="alert">{problem}</p> : null}
    </form>
  );
}
