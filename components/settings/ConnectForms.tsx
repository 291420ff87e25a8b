import { useState, type FormEvent } from 'react';
import type { Account, Workspace } from '@/lib/model';
import { errorText } from '../common/error-text';
import { askForServer, failureText } from './ask-for-server';
import { useServices } from '../data/store-context';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';

/** Sign in to Bluesky with an app password; with `account`, reconnect that account. */
export function BlueskyForm({ workspace, account, onStatus }: { workspace: Workspace; account?: Account; onStatus: (text: string) => void }) {
  const { request } = useServices();
  const [identifier, setIdentifier] = useState(account?.handle ?? '');
  const [password, setPassword] = useState('');
  const [service, setService] = useState(account?.serverUrl ?? 'https://bsky.social');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const idPrefix = account ? `bsky-${account.id}` : 'bsky-new';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      const result = await request('account.connectBluesky', { workspaceId: workspace.id, service, identifier, password, accountId: account?.id });
      setPassword('');
      onStatus(`Connected @${result.handle} on Bluesky.`);
    } catch (failure) {
      setError(failure instanceof Error && 'code' in failure && failure.code === 'auth' ? failure.message : errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby={`${idPrefix}-title`}>
      <h4 id={`${idPrefix}-title`}>{account ? `Reconnect @${account.handle}` : 'Connect Bluesky'}</h4>
      <label>
        Handle or e-mail
        <TextField value={identifier} onChange={(event) => setIdentifier(event.target.value)} required autoComplete="username" placeholder="acme.bsky.social" />
      </label>
      <label>
        App password
        <TextField
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
          autoComplete="current-password"
          aria-describedby={`${idPrefix}-help`}
        />
      </label>
      <p id={`${idPrefix}-help`} className="help">
        An app password is a separate password Bluesky makes for one app, which you can revoke at any time without changing your real one. Create it in Bluesky
        under Settings → Privacy and security → App passwords. Cadence uses it once to sign in and does not store it.
      </p>
      <details>
        <summary>Advanced</summary>
        <label>
          Server (PDS) address
          <TextField value={service} onChange={(event) => setService(event.target.value)} placeholder="https://bsky.social" />
        </label>
        <p className="help">Only if your account lives on its own server; most people keep https://bsky.social.</p>
      </details>
      {error ? <p role="alert">{error}</p> : null}
      <Button type="submit" disabled={busy || !identifier.trim() || !password}>
        {busy ? 'Signing in…' : account ? 'Reconnect' : 'Connect Bluesky'}
      </Button>
    </form>
  );
}

/**
 * Mastodon: the host permission for the server is asked here, in the click (permissions.request
 * needs the user's gesture, which a message to the background would lose); the background then
 * runs the OAuth window and keeps the token.
 */
export function MastodonForm({ workspace, account, onStatus }: { workspace: Workspace; account?: Account; onStatus: (text: string) => void }) {
  const { request } = useServices();
  const [server, setServer] = useState(account?.serverUrl ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const idPrefix = account ? `masto-${account.id}` : 'masto-new';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError('');
    setBusy(true);
    askForServer(server, (host) => `Cadence needs permission to reach ${host} to post there. Press Connect again and choose Allow.`)
      .then(async (origin) => {
        const result = await request('account.connectMastodon', { workspaceId: workspace.id, server: origin, accountId: account?.id });
        onStatus(`Connected @${result.handle} on Mastodon.`);
      })
      .catch((failure: unknown) => setError(failureText(failure)))
      .finally(() => setBusy(false));
  };
  return (
    <form onSubmit={submit} aria-labelledby={`${idPrefix}-title`}>
      <h4 id={`${idPrefix}-title`}>{account ? `Reconnect @${account.handle}` : 'Connect Mastodon'}</h4>
      <label>
        Your server
        <TextField
          value={server}
          onChange={(event) => setServer(event.target.value)}
          required
          placeholder="mastodon.social"
          aria-describedby={`${idPrefix}-help`}
        />
      </label>
      <p id={`${idPrefix}-help`} className="help">
        The server your account is on. Your browser asks to let Cadence reach it, then the server’s own sign-in page opens.
      </p>
      {error ? <p role="alert">{error}</p> : null}
      <Button type="submit" disabled={busy || !server.trim()}>
        {busy ? 'Waiting for the sign-in…' : account ? 'Reconnect' : 'Connect Mastodon'}
      </Button>
    </form>
  );
}
