import { useState, type FormEvent } from 'react';
import type { Account, Workspace } from '@/lib/model';
import type { TeamServerRef } from '@/lib/messaging/protocols/runner';
import { sealCredential } from '@/lib/team/seal-credential';
import { useServices } from '../data/store-context';
import { useIsShared } from '../data/team';
import { askForServer, failureText } from './ask-for-server';
import { Button } from '../ui/Button';
import { Select } from '../ui/Select';
import { TextField } from '../ui/TextField';

/**
 * Settings → The runner (issue 23): the member who owns a Bluesky account hands it to the team's
 * runner, so its posts go out with every laptop shut, or takes it back. What is handed over is an
 * app password made for the runner (README, "The runner", says why not this browser's session),
 * sealed here to the runner's public key: it leaves this panel only as ciphertext. In a shared
 * workspace the background uses the team server and member Settings → Team keeps; otherwise they
 * are typed here for each hand-over and not kept.
 */
export function RunnerSection({ workspace, accounts, onStatus }: { workspace: Workspace; accounts: Account[]; onStatus: (text: string) => void }) {
  const { request } = useServices();
  const isShared = useIsShared(workspace.id);
  const bluesky = accounts.filter((account) => account.network === 'bluesky' && account.publishMode === 'api');
  const [form, setForm] = useState({ url: '', workspaceId: '', user: '', password: '', runnerId: 'runner', accountId: '', appPassword: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const account = bluesky.find((a) => a.id === form.accountId) ?? bluesky[0];
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => setForm((current) => ({ ...current, [name]: event.target.value })),
  });

  /** The server's permission is asked first, in the click; then the work goes through the background. */
  const act = (work: (server: TeamServerRef, chosen: Account) => Promise<string>) => {
    setError('');
    if (!account) return setError('Connect a Bluesky account first.');
    setBusy(true);
    // Shared: Settings → Team asked for the server's permission when it linked the workspace.
    const server: Promise<TeamServerRef> = isShared
      ? Promise.resolve({ linked: workspace.id })
      : askForServer(form.url, (host) => `Cadence needs your permission to reach the team server at ${host}.`).then((origin) => ({
          url: origin,
          workspaceId: form.workspaceId.trim(),
          user: form.user.trim(),
          password: form.password,
        }));
    server
      .then((ref) => work(ref, account))
      .then(onStatus, (failure: unknown) => setError(failureText(failure)))
      .finally(() => setBusy(false));
  };

  const handOver = (event: FormEvent) => {
    event.preventDefault();
    act(async (server, chosen) => {
      const { runners, user } = await request('runner.list', { server });
      const runner = runners.find((r) => r.runnerId === form.runnerId.trim());
      if (!runner)
        throw new Error(
          runners.length
            ? `No runner “${form.runnerId}” here; this workspace has ${runners.map((r) => `“${r.runnerId}”`).join(', ')}.`
            : 'No runner has joined this workspace yet: start one with npx cadence-runner init.',
        );
      const secret = {
        kind: 'atproto-app-password' as const,
        service: chosen.serverUrl ?? 'https://bsky.social',
        identifier: chosen.remoteId ?? chosen.handle,
        appPassword: form.appPassword,
      };
      const credential = await sealCredential({
        runner,
        account: { id: chosen.id, network: 'bluesky', handle: chosen.handle },
        secret,
        by: user,
        at: Date.now(),
      });
      await request('runner.handOver', { server, credential });
      setForm((current) => ({ ...current, appPassword: '' }));
      return `@${chosen.handle} is handed to the runner “${runner.runnerId}”: its scheduled posts go out with every laptop shut.`;
    });
  };
  const takeBack = () =>
    act(async (server, chosen) => {
      const { removed } = await request('runner.takeBack', { server, accountId: chosen.id });
      return removed ? `@${chosen.handle} is taken back: the runner forgets its sign-in at its next read.` : `@${chosen.handle} was not handed to a runner.`;
    });

  return (
    <section aria-labelledby="runner-heading" className="settings__section">
      <h3 id="runner-heading">The runner</h3>
      <p className="help">
        The team’s runner publishes this workspace’s scheduled posts while every browser is closed. Hand it an account with an app password made for it (Bluesky
        Settings → Privacy and security → App passwords): it is sealed here to the runner’s key, and only the runner can open it.
      </p>
      <form onSubmit={handOver} aria-label="Hand an account to the runner">
        {isShared ? (
          <p className="help" data-testid="runner-team">
            Handed over on this workspace’s team server, as you, with the connection in Settings → Team.
          </p>
        ) : (
          <>
            <label>
              Team server <TextField type="url" required placeholder="https://couch.example.com" {...field('url')} />
            </label>
            <label>
              Team workspace <TextField required placeholder="acme" {...field('workspaceId')} />
            </label>
            <label>
              Your team user <TextField required autoComplete="username" {...field('user')} />
            </label>
            <label>
              Your team password <TextField type="password" required autoComplete="current-password" {...field('password')} />
            </label>
          </>
        )}
        <label>
          Runner <TextField required {...field('runnerId')} />
        </label>
        <label>
          Account
          <Select value={account?.id ?? ''} onChange={(event) => setForm((current) => ({ ...current, accountId: event.target.value }))}>
            {bluesky.map((a) => (
              <option key={a.id} value={a.id}>
                @{a.handle}
              </option>
            ))}
          </Select>
        </label>
        <label>
          App password for the runner <TextField type="password" required autoComplete="off" {...field('appPassword')} />
        </label>
        <div className="settings__row">
          <Button type="submit" variant="primary" disabled={busy || !account}>
            Hand this account to the runner
          </Button>
          <Button type="button" variant="secondary" disabled={busy || !account} onClick={takeBack}>
            Take back
          </Button>
        </div>
      </form>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
