import { useState } from 'react';
import type { Account, Slot, Workspace } from '@/lib/model';
import { addTime, clearDay, copyToWeekdays, removeTime, timesOn, WEEK_ORDER, WEEKDAYS } from '@/lib/schedule/slot-editor';
import { errorText } from '../common/error-text';
import { useSetPostingSchedule } from '../data/accounts';
import { ScheduleSuggestions } from './ScheduleSuggestions';
import { Button } from '../ui/Button';
import { Select } from '../ui/Select';
import { TextField } from '../ui/TextField';

/** Weekday × times for one account, saved to account.schedule on every change. */
export function ScheduleSection({ workspace, accounts, onStatus }: { workspace: Workspace; accounts: Account[]; onStatus: (text: string) => void }) {
  const [accountId, setAccountId] = useState<string>(accounts[0]?.id ?? '');
  const account = accounts.find((candidate) => candidate.id === accountId) ?? accounts[0];
  return (
    <section aria-labelledby="settings-schedule">
      <h3 id="settings-schedule">Posting schedule</h3>
      {account ? (
        <>
          <p className="help">Times are in {workspace.timeZone}, this workspace’s time zone. New posts go to each account’s next free slot.</p>
          <label>
            Account
            <Select value={account.id} onChange={(event) => setAccountId(event.target.value)}>
              {accounts.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  @{candidate.handle} ({candidate.network})
                </option>
              ))}
            </Select>
          </label>
          <ScheduleEditor key={account.id} workspace={workspace} account={account} onStatus={onStatus} />
        </>
      ) : (
        <p className="help">Connect or add an account first; each account has its own posting times.</p>
      )}
    </section>
  );
}

function ScheduleEditor({ workspace, account, onStatus }: { workspace: Workspace; account: Account; onStatus: (text: string) => void }) {
  const setPostingSchedule = useSetPostingSchedule();
  const save = async (change: (slots: Slot[]) => Slot[], done: string) => {
    try {
      await setPostingSchedule(account.id, change);
      onStatus(done);
    } catch (error) {
      onStatus(errorText(error));
    }
  };
  return (
    <div className="schedule" data-testid="schedule-editor">
      <ScheduleSuggestions workspace={workspace} account={account} save={save} />
      {WEEK_ORDER.map((weekday) => (
        <DayRow key={weekday} weekday={weekday} times={timesOn(account.schedule, weekday)} save={save} />
      ))}
    </div>
  );
}

function DayRow({ weekday, times, save }: { weekday: number; times: string[]; save: (change: (slots: Slot[]) => Slot[], done: string) => Promise<void> }) {
  const day = WEEKDAYS[weekday]!;
  const [time, setTime] = useState('09:00');
  const [error, setError] = useState('');
  const add = () => {
    try {
      addTime([], weekday, time); // validate before saving, so the message is about this field
      setError('');
      void save((slots) => addTime(slots, weekday, time), `Added ${time} on ${day}.`);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <fieldset className="schedule__day" data-weekday={weekday}>
      <legend>{day}</legend>
      <ul className="schedule__times" aria-label={`${day} times`}>
        {times.length === 0 ? <li className="muted">No times</li> : null}
        {times.map((slot) => (
          <li key={slot}>
            {slot}{' '}
            <Button
              type="button"
              aria-label={`Remove ${slot} on ${day}`}
              onClick={() => void save((slots) => removeTime(slots, weekday, slot), `Removed ${slot} on ${day}.`)}
            >
              ×
            </Button>
          </li>
        ))}
      </ul>
      <label>
        Time to add on {day}
        <TextField
          type="time"
          value={time}
          onChange={(event) => setTime(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
          aria-invalid={error !== ''}
        />
      </label>
      {error ? <p role="alert">{error}</p> : null}
      <Button type="button" onClick={add}>
        Add time
      </Button>
      <Button
        type="button"
        disabled={times.length === 0}
        onClick={() => void save((slots) => copyToWeekdays(slots, weekday), `Copied ${day}’s times to Monday–Friday.`)}
      >
        Copy to weekdays
      </Button>
      <Button type="button" disabled={times.length === 0} onClick={() => void save((slots) => clearDay(slots, weekday), `Cleared ${day}.`)}>
        Clear {day}
      </Button>
    </fieldset>
  );
}
