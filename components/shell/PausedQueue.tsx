import type { Workspace } from '@/lib/model';
import { wallTime } from '@/lib/schedule/wall-time';
import { useActiveWorkspaceRow } from '../data/workspace';
import { noteWords } from './queue-pause-words';
import { useQueuePause } from './use-queue-pause';
import { Button } from '../ui/Button';

/**
 * Said on every view while the active workspace's queue is paused (issue 17), with Resume queue,
 * and after a resume, what came of it: which hand-offs could not go back to Mastodon's scheduler.
 */
export function PausedQueue() {
  const workspace = useActiveWorkspaceRow() ?? null;
  const queue = useQueuePause(workspace);
  const pause = workspace?.queuePause;
  if (!workspace || (!pause && !queue.status)) return null;
  if (!pause) return <Resumed workspace={workspace} queue={queue} />;
  const since = wallTime(pause.since, workspace.timeZone);
  return (
    <section className="read-problem paused-queue" aria-label="Queue paused" data-testid="queue-paused">
      <p>
        <strong>The queue of “{workspace.name}” is paused</strong> since {since.weekday} {since.date} {since.time}: nothing of it is published until you resume,
        not even when its time comes.
      </p>
      {pause.withdrawn.length > 0 ? (
        <p data-testid="queue-withdrawn">
          {pause.withdrawn.length === 1 ? '1 post was' : `${pause.withdrawn.length} posts were`} taken back from Mastodon’s scheduler and go back to it when you
          resume.
        </p>
      ) : null}
      {pause.stayed.length > 0 ? (
        <div data-testid="queue-stayed">
          <p>Still on Mastodon’s scheduler, and still going out at their time:</p>
          <ul>
            {pause.stayed.map((note) => (
              <li key={note.deliveryId}>{noteWords(note, workspace.timeZone)}</li>
            ))}
          </ul>
          <Button type="button" disabled={queue.isBusy} onClick={() => void queue.pause()}>
            Take them back
          </Button>
        </div>
      ) : null}
      <Button type="button" disabled={queue.isBusy} onClick={() => void queue.resume()}>
        Resume queue
      </Button>
      <p role="status" aria-live="polite" data-testid="queue-pause-status">
        {queue.status}
      </p>
    </section>
  );
}

function Resumed({ workspace, queue }: { workspace: Workspace; queue: ReturnType<typeof useQueuePause> }) {
  return (
    <section className="read-problem paused-queue" aria-label="Queue resumed" data-testid="queue-resumed">
      <p role="status" aria-live="polite" data-testid="queue-pause-status">
        {queue.status}
      </p>
      {queue.notBack.length > 0 ? (
        <ul data-testid="queue-not-back">
          {queue.notBack.map((note) => (
            <li key={note.deliveryId}>{noteWords(note, workspace.timeZone)}</li>
          ))}
        </ul>
      ) : null}
      <Button type="button" onClick={queue.clear}>
        Dismiss
      </Button>
    </section>
  );
}
