import { useState, type FormEvent } from 'react';
import { timeZoneSchema, type Workspace } from '@/lib/model';
import { WORKSPACE_COLORS } from '@/lib/workspaces/workspaces';
import { errorText } from '../common/error-text';
import { useWorkspaceActions } from '../data/workspace';
import { ColorField } from './ColorField';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';

/** The active workspace: rename, time zone, colour. */
export function WorkspaceSection({ workspace, onStatus }: { workspace: Workspace; onStatus: (text: string) => void }) {
  const workspaces = useWorkspaceActions();
  const [name, setName] = useState(workspace.name);
  const [timeZone, setTimeZone] = useState(workspace.timeZone);
  const [color, setColor] = useState(workspace.color);
  const zoneOk = timeZoneSchema.safeParse(timeZone).success;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await workspaces.update(workspace.id, { name, timeZone, color });
      onStatus('Workspace saved.');
    } catch (error) {
      onStatus(errorText(error));
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="settings-workspace">
      <h3 id="settings-workspace">Workspace</h3>
      <label>
        Workspace name
        <TextField value={name} onChange={(event) => setName(event.target.value)} required maxLength={80} />
      </label>
      <label>
        Time zone
        <TextField value={timeZone} onChange={(event) => setTimeZone(event.target.value)} aria-invalid={!zoneOk} aria-describedby="tz-help" list="time-zones" />
      </label>
      <datalist id="time-zones">
        {Intl.supportedValuesOf('timeZone').map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <p id="tz-help" className="help" role={zoneOk ? undefined : 'alert'}>
        {zoneOk ? 'Posting slots and the calendar use this time zone.' : 'Not a time zone Cadence knows. Use a name like Europe/Berlin.'}
      </p>
      <ColorField legend="Colour" name={`color-${workspace.id}`} value={color} onChange={setColor} colors={WORKSPACE_COLORS} />
      <Button type="submit" disabled={!zoneOk || !name.trim()}>
        Save workspace
      </Button>
    </form>
  );
}
