import { useState } from 'react';
import type { TeamAction, TeamPostView } from '@/lib/messaging/protocols/team';
import { errorText } from '../common/error-text';
import { useServices } from '../data/store-context';
import { useTeamPost } from '../data/team';
import { Button } from '../ui/Button';
import { TextArea } from '../ui/TextArea';
import { TextField } from '../ui/TextField';

const STATE_WORDS: Record<TeamPostView['state'], string> = { draft: 'Draft', in_review: 'In review', approved: 'Approved', scheduled: 'Scheduled' };

/** The actions a member's roles offer on a post in this state (the server decides; this only hides what it would refuse). */
function actionsFor(view: TeamPostView): { action: TeamAction; label: string; needsComment?: boolean }[] {
  const has = (role: TeamPostView['roles'][number]) => view.roles.includes(role) || view.roles.includes('owner');
  const mayReview = has('approver') || (view.roles.includes('client') && view.sharedWith.includes(view.user));
  const offered: { action: TeamAction; label: string; needsComment?: boolean }[] = [];
  if (view.state === 'draft' && has('editor')) offered.push({ action: 'propose', label: 'Propose for review' });
  if (view.state === 'in_review' && mayReview)
    offered.push({ action: 'approve', label: 'Approve' }, { action: 'request-changes', label: 'Request changes', needsComment: true });
  if (has('editor') && (view.state === 'approved' || (!view.requiresApproval && view.state !== 'scheduled')))
    offered.push({ action: 'schedule', label: 'Schedule' });
  if (view.state === 'scheduled' && has('editor')) offered.push({ action: 'unschedule', label: 'Take off the schedule' });
  return offered;
}

/**
 * A post of a shared workspace in review (issue 23): its state, the actions this member's roles
 * allow, comments, and the history of who did what, when. Every action is the background's, on
 * the team server; a refusal is shown in the server's words, and the post stays the team's version.
 */
export function TeamReview({ postId, workspaceId }: { postId: string; workspaceId: string }) {
  const { request } = useServices();
  const { view, setView } = useTeamPost(postId, workspaceId);
  const [comment, setComment] = useState('');
  const [client, setClient] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  if (!view) return null;

  const act = async (action: TeamAction) => {
    setError('');
    setBusy(true);
    try {
      setView(await request('team.act', { postId, action, comment: action === 'share-with' ? client : comment }));
      if (action === 'share-with') setClient('');
      else setComment('');
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="Team review" className="compose__team" data-testid="team-review">
      <p>
        <strong data-testid="team-state">{STATE_WORDS[view.state]}</strong>
        {view.review ? (
          <span data-testid="team-review-verdict">
            {' '}
            — {view.review.verdict === 'approved' ? 'approved' : 'changes requested'} by {view.review.by}
            {view.review.comment ? `: “${view.review.comment}”` : ''}
          </span>
        ) : null}
      </p>
      <label>
        Comment <TextArea value={comment} onChange={(event) => setComment(event.target.value)} rows={2} />
      </label>
      <div className="settings__row">
        {actionsFor(view).map(({ action, label, needsComment }) => (
          <Button
            key={action}
            onClick={() => void act(action)}
            disabled={busy || (needsComment && !comment.trim())}
            variant={action === 'approve' ? 'primary' : 'secondary'}
          >
            {label}
          </Button>
        ))}
        <Button variant="quiet" onClick={() => void act('comment')} disabled={busy || !comment.trim()}>
          Add comment
        </Button>
      </div>
      {view.state === 'draft' && (view.roles.includes('editor') || view.roles.includes('owner')) ? (
        <div className="settings__row">
          <label>
            Share with a client (their user) <TextField value={client} onChange={(event) => setClient(event.target.value)} />
          </label>
          <Button onClick={() => void act('share-with')} disabled={busy || !client.trim()}>
            Share with client
          </Button>
        </div>
      ) : null}
      {view.sharedWith.length ? <p data-testid="team-shared-with">Shared with {view.sharedWith.join(', ')}.</p> : null}
      {error ? (
        <p className="form-error" role="alert" data-testid="team-action-error">
          {error}
        </p>
      ) : null}
      {view.comments.length ? (
        <ul aria-label="Comments" data-testid="team-comments">
          {view.comments.map((entry) => (
            <li key={`${entry.by}-${entry.at}`}>
              <strong>{entry.by}</strong> ({new Date(entry.at).toLocaleString()}): {entry.text}
            </li>
          ))}
        </ul>
      ) : null}
      <details>
        <summary>History</summary>
        <ol aria-label="History" data-testid="team-history">
          {view.history.map((entry) => (
            <li key={`${entry.by}-${entry.at}-${entry.action}`}>
              {new Date(entry.at).toLocaleString()}: {entry.by} {entry.action}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
