import { useEffect, useRef, useState } from 'react';
import type { Workspace } from '@/lib/model';
import type { WorkspaceFootprint } from '@/lib/workspaces/footprint';
import { errorText } from '../common/error-text';
import { useScheduleWrite } from '../data/schedule';
import { useServices } from '../data/store-context';
import { useWorkspaceActions } from '../data/workspace';
import { signOutText } from './sign-out-text';
import { Button } from '../ui/Button';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Says in numbers what deleting a workspace removes, and asks to confirm. */
export function DeleteWorkspace({ workspace, onDone }: { workspace: Workspace; onDone: (status: string | null) => void }) {
  const { request } = useServices();
  const { footprint: countFootprint } = useWorkspaceActions();
  const scheduleWrite = useScheduleWrite();
  const [footprint, setFootprint] = useState<WorkspaceFootprint | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    countFootprint(workspace.id).then(setFootprint, (failure: unknown) => setError(errorText(failure)));
    heading.current?.focus();
  }, [countFootprint, workspace.id]);

  const confirm = async () => {
    setBusy(true);
    try {
      // A failed nudge is not said: the alarm is re-checked on its own at the next maintenance run.
      const { serverSignOuts } = (await scheduleWrite(() => request('workspace.delete', { workspaceId: workspace.id }))).value;
      onDone(`Deleted ${workspace.name}. ${signOutText(serverSignOuts)}`.trim());
    } catch (failure) {
      setError(errorText(failure));
      setBusy(false);
    }
  };
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="delete-heading" aria-describedby="delete-details">
      <h4 id="delete-heading" ref={heading} tabIndex={-1}>
        Delete “{workspace.name}”?
      </h4>
      {footprint ? (
        <div id="delete-details">
          <p>
            This deletes {count(footprint.accounts, 'account')} (and their sign-ins, which their servers are asked to end), {count(footprint.posts, 'post')}{' '}
            with {count(footprint.deliveries, 'delivery', 'deliveries')}, and {count(footprint.streams, 'listening stream')}.
          </p>
          {footprint.pending > 0 ? (
            <p className="warn">
              {count(footprint.pending, 'scheduled delivery', 'scheduled deliveries')} will not be published. Posts already published stay on the networks.
            </p>
          ) : null}
          <p>
            {count(footprint.clipsOnlyHere, 'clip')} filed only here will be deleted; clips shared with another workspace stay there. This cannot be undone:
            export a backup of this workspace first if you may need it.
          </p>
        </div>
      ) : (
        <p id="delete-details" aria-busy="true">
          Counting what this workspace holds…
        </p>
      )}
      {error ? <p role="alert">{error}</p> : null}
      <Button type="button" variant="danger" disabled={!footprint || busy} onClick={() => void confirm()}>
        {busy ? 'Deleting…' : `Delete ${workspace.name}`}
      </Button>
      <Button type="button" onClick={() => onDone(null)}>
        Cancel
      </Button>
    </div>
  );
}
