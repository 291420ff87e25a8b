import { EmptyState } from '../ui/EmptyState';
import { useActiveWorkspace } from '../data/workspace';
import { ComposeModes } from './drafts/ComposeModes';
import './compose.css';
import { LoadingState } from '../ui/LoadingState';

/** The Compose view: the active workspace's composer and drafts, or how to get accounts. */
export function ComposeView() {
  const scope = useActiveWorkspace();
  if (!scope) return <LoadingState label="Loading Compose…" rows={2} />;
  if (!scope.workspace) {
    return (
      <EmptyState title="No workspace yet">
        <p>Create a workspace in Settings, then come back to write a post.</p>
      </EmptyState>
    );
  }
  if (scope.accounts.length === 0) {
    return (
      <EmptyState title="No accounts to post to">
        <p>
          Connect a Bluesky or Mastodon account to “{scope.workspace.name}” in Settings → Accounts. Posts you write here go to the accounts you tick, each in
          its next posting slot.
        </p>
      </EmptyState>
    );
  }
  return <ComposeModes key={scope.workspace.id} workspace={scope.workspace} accounts={scope.accounts} />;
}
