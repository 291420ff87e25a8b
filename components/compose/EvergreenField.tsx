import { useState } from 'react';
import type { Post } from '@/lib/model';
import { Checkbox } from '../ui/Checkbox';
import { TextField } from '../ui/TextField';

const DEFAULT_DAYS = 30;

/** "Recycle every N days" (Post.evergreenDays): after it is published, the post comes round again. */
export function EvergreenField({ post, edit }: { post: Post; edit: (change: (post: Post) => Post) => void }) {
  const isOn = post.evergreenDays !== null;
  // What is typed may be half-written ("", "0"); only a whole number of days reaches the post.
  const [typed, setTyped] = useState(String(post.evergreenDays ?? DEFAULT_DAYS));
  const days = Number(typed);
  const isValid = Number.isInteger(days) && days >= 1 && days <= 3650;
  return (
    <div className="compose__evergreen">
      <label>
        <Checkbox checked={isOn} onChange={() => edit((p) => ({ ...p, evergreenDays: isOn ? null : isValid ? days : DEFAULT_DAYS }))} /> Recycle this post
      </label>
      <label>
        every{' '}
        <TextField
          type="number"
          min={1}
          max={3650}
          inputMode="numeric"
          value={typed}
          disabled={!isOn}
          aria-invalid={isOn && !isValid}
          aria-describedby="evergreen-help"
          onChange={(event) => {
            setTyped(event.target.value);
            const next = Number(event.target.value);
            if (Number.isInteger(next) && next >= 1 && next <= 3650) edit((p) => ({ ...p, evergreenDays: next }));
          }}
        />{' '}
        days
      </label>
      <span id="evergreen-help" className={isOn && !isValid ? 'warn' : 'muted'}>
        {isOn && !isValid
          ? 'Enter a whole number of days from 1 to 3650.'
          : isOn
            ? `Goes out again ${days} days after each time it is published.`
            : 'Off: posts once.'}
      </span>
    </div>
  );
}
