import { useMemo } from 'react';
import type { Account, Post } from '@/lib/model';
import { checkTextForQueue } from '@/lib/schedule/queue-check';

/**
 * While typing, what Add to queue, Schedule at… and Share now would refuse (lib/schedule/queue-check.ts,
 * the same check they run), so the refusal is never a surprise. bench/compose.ts times typing with it.
 */
export function QueueCheckNote({ post, accounts }: { post: Post; accounts: Account[] }) {
  const { refusals, warnings } = useMemo(() => checkTextForQueue(post, accounts), [post, accounts]);
  if (refusals.length === 0 && warnings.length === 0) return null;
  return (
    <div className="compose__warnings" role="group" aria-label="Before queueing" data-testid="queue-check">
      {refusals.length > 0 ? <p className="warn">Not ready to queue yet:</p> : null}
      <ul>
        {[...refusals, ...warnings].map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
