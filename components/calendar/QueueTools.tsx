import type { Account, Workspace } from '@/lib/model';
import { useQueuePause } from '../shell/use-queue-pause';
import { QueueOrder } from './QueueOrder';
import { Button } from '../ui/Button';

/** Above the calendar: pause the workspace's queue, and reorder each account's queued posts (issue 17). */
export function QueueTools({ workspace, accounts }: { workspace: Workspace; accounts: Account[] }) {
  const queue = useQueuePause(workspace);
  return (
    <section className="queue-tools" aria-label="Queue">
      {workspace.queuePause ? (
        <p className="muted">The queue is paused: Resume queue is in the banner at the top.</p>
      ) : (
        <p>
          <Button type="button" disabled={queue.isBusy} onClick={() => void queue.pause()}>
            Pause queue
          </Button>{' '}
          <span className="muted">Nothing of “{workspace.name}” is published until you resume.</span>
        </p>
      )}
      <p role="status" aria-live="polite" data-testid="queue-status">
        {queue.status}
      </p>
      <QueueOrder workspace={workspace} accounts={accounts} />
    </section>
  );
}
