import { useState, type FormEvent } from 'react';

/** The keyboard way to reschedule: a date field, same local time. */
export function MoveForm({ date, onMove, onCancel }: { date: string; onMove: (date: string) => void; onCancel: () => void }) {
  const [value, setValue] = useState(date);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value) onMove(value);
  };
  return (
    <form className="move-form" onSubmit={submit} onKeyDown={(event) => event.key === 'Escape' && onCancel()}>
      <label>
        Move to…
        <input type="date" value={value} onChange={(event) => setValue(event.target.value)} autoFocus />
      </label>
      <button type="submit">Move</button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
