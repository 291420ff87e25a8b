import { useState, type FormEvent } from 'react';
import type { Workspace } from '@/lib/model';
import { WORKSPACE_COLORS } from '@/lib/workspaces/workspaces';
import { errorText } from '../common/error-text';
import { useWorkspaceActions, useWorkspaceList } from '../data/workspace';
import { ColorField } from './ColorField';
import { DeleteWorkspace } from './DeleteWorkspace';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';

/** Every workspace: make one active, delete one (with a confirmation that counts what goes), add one. */
export function WorkspacesSection({ activeId, onStatus }: { activeId: string | null; onStatus: (text: string) => void }) {
  const actions = useWorkspaceActions();
  const workspaces = useWorkspaceList();
  const [deleting, setDeleting] = useState<Workspace | null>(null);
  if (!workspaces) return null;
  const isLast = workspaces.length <= 1;
  return (
    <section aria-labelledby="settings-workspaces">
      <h3 id="settings-workspaces">All workspaces</h3>
      <ul className="settings__list">
        {workspaces.map((workspace) => (
          <li key={workspace.id} data-workspace={workspace.name}>
            <span className="workspace-switcher__swatch" style={{ background: workspace.color }} aria-hidden="true" /> {workspace.name}{' '}
            <span className="muted">({workspace.timeZone})</span>
            {workspace.id === activeId ? (
              <span className="muted"> — active</span>
            ) : (
              <Button type="button" onClick={() => void actions.switchTo(workspace.id).catch((error: unknown) => onStatus(errorText(error)))}>
                Switch to {workspace.name}
              </Button>
            )}
            <Button type="button" disabled={isLast} aria-describedby={isLast ? 'last-workspace-help' : undefined} onClick={() => setDeleting(workspace)}>
              Delete {workspace.name}…
            </Button>
          </li>
        ))}
      </ul>
      {isLast ? (
        <p id="last-workspace-help" className="help">
          Your only workspace cannot be deleted. Create another one first.
        </p>
      ) : null}
      {deleting ? (
        <DeleteWorkspace
          key={deleting.id}
          workspace={deleting}
          onDone={(text) => {
            setDeleting(null);
            if (text) onStatus(text);
          }}
        />
      ) : null}
      <NewWorkspaceForm onStatus={onStatus} />
    </section>
  );
}

function NewWorkspaceForm({ onStatus }: { onStatus: (text: string) => void }) {
  const actions = useWorkspaceActions();
  const [name, setName] = useState('');
  const [color, setColor] = useState<string>(WORKSPACE_COLORS[1]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const created = await actions.create({ name, color, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
      await actions.switchTo(created.id);
      setName('');
      onStatus(`Created ${created.name} and switched to it. Set its time zone and accounts below.`);
    } catch (error) {
      onStatus(errorText(error));
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="new-workspace">
      <h4 id="new-workspace">New workspace</h4>
      <label>
        Name of the client or brand
        <TextField value={name} onChange={(event) => setName(event.target.value)} required maxLength={80} />
      </label>
      <ColorField legend="Colour of the new workspace" name="new-workspace-color" value={color} onChange={setColor} colors={WORKSPACE_COLORS} />
      <Button type="submit" disabled={!name.trim()}>
        Create workspace
      </Button>
    </form>
  );
}
