import type { Account, Workspace } from '@/lib/model';
import { validRows } from '@/lib/store';
import { EmptyState } from '../common/EmptyState';
import { useLiveQuery } from '../common/store-context';
import { ComposeModes } from './drafts/ComposeModes';
import './compose.css';

/** The Compose view: the active workspace's composer and drafts, or how to get accounts. */
export function ComposeView() {
  const scope = useLiveQuery(['settings', 'workspaces', 'accounts'], async (store) => {
    const settings = await store.settings.get('settings');
    const workspaceId = settings?.ok ? settings.value.activeWorkspaceId : null;
    const workspace = workspaceId ? await store.workspaces.get(workspaceId) : undefined;
    if (!workspace?.ok) return { workspace: null, accounts: [] as Account[] };
    const accounts = validRows(await store.accounts.list({ index: 'by-workspace', query: workspace.value.id }));
    return { workspace: workspace.value as Workspace | null, accounts };
  }, []);
  if (!scope) return <p aria-busy="true">Loading…</p>;
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
          Connect a Bluesky or Mastodon account to “{scope.workspace.name}” in Settings → Accounts. Posts you write here go to the accounts
          you tick, each in its next posting slot.
        </p>
      </EmptyState>
    );
  }
  return <ComposeModes key={scope.workspace.id} workspace={scope.workspace} accounts={scope.accounts} />;
}
