import { useState, type FormEvent } from 'react';
import type { Workspace } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useServices } from '../data/store-context';
import { useTeamStatus } from '../data/team';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';
import { askForServer, failureText } from './ask-for-server';

const when = (at: number | null) => (at === null ? 'never' : new Date(at).toLocaleString());

/**
 * Settings → Team (issue 23): share this workspace on the team's CouchDB server, or join one the
 * team shares, with the member's own CouchDB user; then its sync status in words, the documents the
 * server sent that Cadence refused to apply, and which member's browser holds each account.
 * The server's address is asked for as a host permission in the click (the browser needs the
 * gesture); the password goes to the background once and is never shown again.
 */
export function TeamSection({ workspace, onStatus }: { workspace: Workspace; onStatus: (text: string) => void }) {
  const { request } = useServices();
  const { status, setStatus } = useTeamStatus(workspace.id);
  const [url, setUrl] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [joinId, setJoinId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const link = status?.link ?? null;

  const connect = (mode: 'share' | 'join') => (event: FormEvent) => {
    event.preventDefault();
    setError('');
    setBusy(true);
    const workspaceId = mode === 'share' ? workspace.id : joinId.trim();
    askForServer(url, (host) => `Cadence needs your permission to reach the team server ${host}. Press the button again and choose Allow.`)
      .then(async () => {
        const next = await request('team.link', { mode, workspaceId, url: url.trim(), user: user.trim(), password });
        setPassword('');
        if (mode === 'share') setStatus(next);
        onStatus(
          mode === 'share' ? `This workspace is shared on ${url.trim()}.` : `Joined the shared workspace ${workspaceId}. Switch to it with the workspace menu.`,
        );
      })
      .catch((failure: unknown) => setError(failureText(failure)))
      .finally(() => setBusy(false));
  };

  const syncNow = async () => {
    setError('');
    setBusy(true);
    try {
      const report = await request('team.sync', { workspaceId: workspace.id });
      onStatus(report ? `Synced: ${report.pulled} from the team, ${report.pushed} sent.` : 'This workspace is not shared.');
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setStatus(await request('team.status', { workspaceId: workspace.id }));
      setBusy(false);
    }
  };

  const unlink = async () => {
    await request('team.unlink', { workspaceId: workspace.id });
    setStatus(await request('team.status', { workspaceId: workspace.id }));
    onStatus('This browser no longer syncs this workspace with the team. Its posts stay here.');
  };

  return (
    <section aria-labelledby="settings-team" className="settings__section" data-testid="team-section">
      <h3 id="settings-team">Team</h3>
      {link ? (
        <>
          <p data-testid="team-linked">
            Shared on {link.url} as <strong>{link.user}</strong>
            {link.roles.length ? ` (${link.roles.join(', ')})` : ' (no role in this workspace yet)'}.{' '}
            {link.requiresApproval ? 'Posts are approved before they are scheduled.' : 'Posts can be scheduled without approval.'}
          </p>
          <p data-testid="team-last-synced">Last synced: {when(link.lastSyncedAt)}</p>
          {link.lastError ? (
            <p className="form-error" role="alert" data-testid="team-sync-error">
              {link.lastError.message}
            </p>
          ) : null}
          <div className="settings__row">
            <Button onClick={() => void syncNow()} disabled={busy}>
              {busy ? 'Syncing…' : 'Sync now'}
            </Button>
            <Button variant="quiet" onClick={() => void unlink()}>
              Stop syncing in this browser
            </Button>
          </div>
          <h4>Who holds each account</h4>
          <ul aria-label="Accounts held by" data-testid="team-held-by">
            {status?.heldBy.map((account) => (
              <li key={account.accountId}>
                {account.handle} ({account.network}):{' '}
                {account.isHere
                  ? 'this browser holds it and publishes it'
                  : account.heldBy
                    ? `held by ${account.heldBy}`
                    : 'nobody holds it yet: connect it here to publish it'}
              </li>
            ))}
          </ul>
          {status?.rejected.length ? (
            <>
              <h4>Refused from the server</h4>
              <p className="help">
                These came from the team server but do not read as Cadence data, so they were not applied. Ask the workspace owner to fix or remove them.
              </p>
              <ul aria-label="Refused from the server" data-testid="team-rejected">
                {status.rejected.map((doc) => (
                  <li key={doc.docId}>
                    <code>{doc.docId}</code>: {doc.reason}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : (
        <>
          <p className="help">
            Work on this workspace with your team through a CouchDB server the team runs (README, “Working as a team”). Your sign-ins to the networks stay in
            this browser. To share this workspace, give the server admin its id: <code data-testid="team-workspace-id">{workspace.id}</code>.
          </p>
          <form className="settings__row" onSubmit={connect('share')} aria-label="Team server">
            <label>
              Team server <TextField type="url" value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://couch.example.org" required />
            </label>
            <label>
              Your CouchDB user <TextField value={user} onChange={(event) => setUser(event.target.value)} autoComplete="username" required />
            </label>
            <label>
              Password{' '}
              <TextField type="password" value={password} onChange={(event) => setPassword(event.target.value)} autoComplete="current-password" required />
            </label>
            <Button type="submit" variant="primary" disabled={busy}>
              {busy ? 'Connecting…' : 'Share this workspace'}
            </Button>
          </form>
          <form className="settings__row" onSubmit={connect('join')} aria-label="Join a shared workspace">
            <label>
              Shared workspace id <TextField value={joinId} onChange={(event) => setJoinId(event.target.value)} placeholder="ws_…" required />
            </label>
            <Button type="submit" disabled={busy || !url || !user || !password}>
              Join a shared workspace
            </Button>
          </form>
        </>
      )}
      {error ? (
        <p className="form-error" role="alert" data-testid="team-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
