import { useState } from 'react';
import { errorText } from '../common/error-text';
import { useWorkspaceActions } from '../data/workspace';
import { Button } from '../ui/Button';

/** A settings row that cannot be read: what it stops, and the one way to mend it. */
export function DamagedSettings({ reason }: { reason: string }) {
  const { repairSettings } = useWorkspaceActions();
  const [status, setStatus] = useState('');
  const repair = async () => {
    try {
      await repairSettings();
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  return (
    <section aria-label="Settings" className="settings">
      <h2 className="view-title">Settings</h2>
      <div role="alert">
        <p>Your settings could not be read ({reason}). They were kept unchanged, but until they are repaired Cadence cannot file new clips in a workspace.</p>
        <p>
          Repairing puts your preferences (theme, polling, late posts, notifications) back to their defaults. Workspaces, accounts, posts and clips stay as they
          are.
        </p>
      </div>
      <Button type="button" onClick={() => void repair()}>
        Repair settings
      </Button>
      <p role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
