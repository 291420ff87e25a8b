import { useEffect, useState } from 'react';
import type { Workspace } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useWorkspaceActions, useWorkspaceList } from '../data/workspace';
import { Select } from '../ui/Select';

/**
 * The header's workspace switcher: a native select (one click, full keyboard support) beside a
 * swatch of the active workspace's colour. Alt+W inside the panel moves to the next workspace;
 * Alt+Shift+W does the same from anywhere in the browser (the next-workspace command).
 */
export function WorkspaceSwitcher({ activeId }: { activeId: string | null }) {
  const actions = useWorkspaceActions();
  const workspaces = useWorkspaceList();
  const [message, setMessage] = useState('');
  const active = workspaces?.find((workspace) => workspace.id === activeId);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.shiftKey || event.ctrlKey || event.metaKey || event.code !== 'KeyW') return;
      // Option+W types a character on a Mac: never take it from a text field.
      const target = event.target as HTMLElement | null;
      if (target?.closest('input:not([type="radio"]):not([type="checkbox"]), textarea, [contenteditable="true"]')) return;
      event.preventDefault();
      actions.next().then(
        (next) => next && setMessage(`Switched to ${next.name}.`),
        (error: unknown) => setMessage(errorText(error)),
      );
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);

  const choose = (id: string) => {
    const chosen = workspaces?.find((workspace: Workspace) => workspace.id === id);
    actions.switchTo(id).then(
      () => setMessage(chosen ? `Switched to ${chosen.name}.` : ''),
      (error: unknown) => setMessage(errorText(error)),
    );
  };

  if (!workspaces) return null;
  if (!active)
    return (
      <span className="workspace-name" data-testid="active-workspace">
        No workspace yet
      </span>
    );
  return (
    <div className="workspace-switcher">
      <span className="workspace-switcher__swatch" style={{ background: active.color }} aria-hidden="true" />
      <label className="visually-hidden" htmlFor="workspace-switcher">
        Workspace (Alt+W for the next one)
      </label>
      <Select
        id="workspace-switcher"
        data-testid="active-workspace"
        value={active.id}
        aria-keyshortcuts="Alt+W Alt+Shift+W"
        title="Switch workspace (Alt+W)"
        onChange={(event) => choose(event.target.value)}
      >
        {workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </Select>
      <span className="visually-hidden" role="status" aria-live="polite">
        {message}
      </span>
    </div>
  );
}
