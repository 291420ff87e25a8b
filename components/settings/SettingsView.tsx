import { useState, type FormEvent } from 'react';
import { timeZoneSchema, type Settings, type Workspace } from '@/lib/model';
import { validRows } from '@/lib/store';
import { errorText } from '../common/error-text';
import { useLiveQuery, useServices } from '../common/store-context';

export function SettingsView() {
  const { store } = useServices();
  const settings = useLiveQuery(['settings'], (s) => s.settings.get('settings'), []);
  const workspaces = useLiveQuery(['workspaces'], async (s) => validRows(await s.workspaces.list()), []);
  const [status, setStatus] = useState<string>('');
  if (!settings || !workspaces) return <p aria-busy="true">Loading settings…</p>;
  if (!settings.ok) return <p role="alert">Your settings could not be read ({settings.reason}). They were kept unchanged.</p>;
  const active = workspaces.find((workspace) => workspace.id === settings.value.activeWorkspaceId);

  const saveSettings = async (patch: Partial<Settings>) => {
    try {
      await store.settings.update('settings', (current) => current && { ...current, ...patch });
      setStatus('Saved.');
    } catch (error) {
      setStatus(errorText(error));
    }
  };

  return (
    <section aria-label="Settings" className="settings">
      <h2 className="view-title">Settings</h2>
      {active ? <WorkspaceForm key={active.id} workspace={active} onStatus={setStatus} /> : null}
      <fieldset>
        <legend>Theme</legend>
        {(['system', 'light', 'dark'] as const).map((theme) => (
          <label key={theme}>
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={settings.value.theme === theme}
              onChange={() => void saveSettings({ theme })}
            />
            {theme === 'system' ? 'Follow the system' : theme === 'light' ? 'Light' : 'Dark'}
          </label>
        ))}
      </fieldset>
      <p role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}

function WorkspaceForm({ workspace, onStatus }: { workspace: Workspace; onStatus: (text: string) => void }) {
  const { store } = useServices();
  const [name, setName] = useState(workspace.name);
  const [timeZone, setTimeZone] = useState(workspace.timeZone);
  const zoneOk = timeZoneSchema.safeParse(timeZone).success;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await store.workspaces.update(workspace.id, (current) => current && { ...current, name, timeZone, updatedAt: Date.now() });
      onStatus('Workspace saved.');
    } catch (error) {
      onStatus(errorText(error));
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-label="Workspace">
      <label>
        Workspace name
        <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={80} />
      </label>
      <label>
        Time zone
        <input value={timeZone} onChange={(event) => setTimeZone(event.target.value)} aria-invalid={!zoneOk} aria-describedby="tz-help" />
      </label>
      <p id="tz-help" className="help">
        {zoneOk ? 'Posting slots and the calendar use this time zone.' : 'Not a time zone Cadence knows. Use a name like Europe/Berlin.'}
      </p>
      <button type="submit" disabled={!zoneOk || !name.trim()}>
        Save workspace
      </button>
    </form>
  );
}
