import { useState } from 'react';
import { useSaveSettings, type SectionProps } from './use-settings';
import { Checkbox } from '../ui/Checkbox';
import { Radio } from '../ui/Radio';
import { TextField } from '../ui/TextField';

/** Late posts: publish when the browser comes back within N minutes of the due time, or hold them for you. */
export function PublishingSection({ settings, onStatus }: SectionProps) {
  const save = useSaveSettings(onStatus);
  const [minutes, setMinutes] = useState(String(settings.latePolicy.withinMinutes));
  const parsed = Number(minutes);
  const minutesOk = Number.isInteger(parsed) && parsed >= 0 && minutes.trim() !== '';
  const { mode } = settings.latePolicy;
  return (
    <fieldset>
      <legend>Publishing: posts that came due while the browser was closed</legend>
      <label>
        <Radio
          name="late"
          checked={mode === 'publish-if-within'}
          onChange={() => void save({ latePolicy: { mode: 'publish-if-within', withinMinutes: settings.latePolicy.withinMinutes } })}
        />
        Publish late if within the minutes below, hold the rest
      </label>
      <label>
        <Radio
          name="late"
          checked={mode === 'hold'}
          onChange={() => void save({ latePolicy: { mode: 'hold', withinMinutes: settings.latePolicy.withinMinutes } })}
        />
        Always hold them and ask me
      </label>
      <label>
        Minutes late that are still fine
        <TextField
          type="number"
          min={0}
          step={1}
          value={minutes}
          disabled={mode === 'hold'}
          aria-invalid={!minutesOk}
          onChange={(event) => setMinutes(event.target.value)}
          onBlur={() => minutesOk && parsed !== settings.latePolicy.withinMinutes && void save({ latePolicy: { mode, withinMinutes: parsed } })}
        />
      </label>
      {!minutesOk ? <p role="alert">Enter a whole number of minutes, 0 or more.</p> : null}
    </fieldset>
  );
}

export function PollingSection({ settings, onStatus }: SectionProps) {
  const save = useSaveSettings(onStatus);
  const choices = [
    ['adaptive', 'Adaptive: often while you are active, rarely when quiet'],
    ['slow', 'Slow: every 30 minutes'],
    ['off', 'Off: only when I ask'],
  ] as const;
  return (
    <fieldset>
      <legend>Polling for mentions and listening streams</legend>
      {choices.map(([value, label]) => (
        <label key={value}>
          <Radio name="polling" checked={settings.polling === value} onChange={() => void save({ polling: value })} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

export function NotificationsSection({ settings, onStatus }: SectionProps) {
  const save = useSaveSettings(onStatus);
  const { notifications } = settings;
  return (
    <fieldset>
      <legend>Notifications</legend>
      <label>
        <Checkbox checked={notifications.mentions} onChange={(event) => void save({ notifications: { ...notifications, mentions: event.target.checked } })} />
        New mentions and replies
      </label>
      <label>
        <Checkbox checked={notifications.failures} onChange={(event) => void save({ notifications: { ...notifications, failures: event.target.checked } })} />A
        post that failed to publish
      </label>
    </fieldset>
  );
}

export function ThemeSection({ settings, onStatus }: SectionProps) {
  const save = useSaveSettings(onStatus);
  return (
    <fieldset>
      <legend>Theme</legend>
      {(['system', 'light', 'dark'] as const).map((theme) => (
        <label key={theme}>
          <Radio name="theme" value={theme} checked={settings.theme === theme} onChange={() => void save({ theme })} />
          {theme === 'system' ? 'Follow the system' : theme === 'light' ? 'Light' : 'Dark'}
        </label>
      ))}
    </fieldset>
  );
}
