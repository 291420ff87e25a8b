import { useState, type FormEvent } from 'react';
import { REMINDER_NETWORKS, type ReminderNetwork } from '@/lib/accounts/reminder';
import { NETWORK_NAMES, type Account, type Workspace } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useScheduleWrite } from '../data/schedule';
import { useServices } from '../data/store-context';
import { BlueskyForm, MastodonForm } from './ConnectForms';
import { signOutText } from './sign-out-text';
import { Avatar } from '../ui/Avatar';
import { Button } from '../ui/Button';
import { Radio } from '../ui/Radio';
import { Select } from '../ui/Select';
import { StatusChip } from '../ui/StatusChip';
import { TextField } from '../ui/TextField';

/** The workspace's accounts: status, publish mode, disconnect with a choice for scheduled posts; add a reminder account. */
export function AccountsSection({ workspace, accounts, onStatus }: { workspace: Workspace; accounts: Account[]; onStatus: (text: string) => void }) {
  const [disconnecting, setDisconnecting] = useState<Account | null>(null);
  const [reconnecting, setReconnecting] = useState<Account | null>(null);
  return (
    <section aria-labelledby="settings-accounts">
      <h3 id="settings-accounts">Accounts of {workspace.name}</h3>
      {accounts.length === 0 ? <p className="help">No accounts yet. Add one below.</p> : null}
      <ul className="settings__list" data-testid="account-list">
        {accounts.map((account) => (
          <li key={account.id} data-account={account.handle} className="settings__account">
            <Avatar name={account.displayName || null} handle={account.handle} network={account.network} src={account.avatarUrl} size={32} />
            <span className="settings__account-text">
              <strong>{NETWORK_NAMES[account.network]}</strong> @{account.handle}{' '}
              <span className="muted">{account.publishMode === 'api' ? 'publishes directly' : 'reminds you to post'}</span>
              <br />
              {account.status === 'connected' ? (
                <StatusChip tone="success">Connected</StatusChip>
              ) : (
                <StatusChip tone="warn">Disconnected{account.statusReason ? `: ${account.statusReason}` : ''}</StatusChip>
              )}
            </span>{' '}
            {account.status === 'disconnected' && account.publishMode === 'api' ? (
              <Button type="button" onClick={() => setReconnecting(account)}>
                Reconnect @{account.handle}
              </Button>
            ) : null}
            {account.status === 'connected' && account.publishMode === 'api' ? (
              <Button type="button" onClick={() => setDisconnecting(account)}>
                Disconnect @{account.handle}…
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {disconnecting ? (
        <DisconnectAccount
          key={disconnecting.id}
          account={disconnecting}
          onDone={(text) => {
            setDisconnecting(null);
            if (text) onStatus(text);
          }}
        />
      ) : null}
      {reconnecting ? (
        reconnecting.network === 'bluesky' ? (
          <BlueskyForm
            key={reconnecting.id}
            workspace={workspace}
            account={reconnecting}
            onStatus={(text) => {
              setReconnecting(null);
              onStatus(text);
            }}
          />
        ) : (
          <MastodonForm
            key={reconnecting.id}
            workspace={workspace}
            account={reconnecting}
            onStatus={(text) => {
              setReconnecting(null);
              onStatus(text);
            }}
          />
        )
      ) : null}
      <BlueskyForm workspace={workspace} onStatus={onStatus} />
      <MastodonForm workspace={workspace} onStatus={onStatus} />
      <ReminderForm workspace={workspace} onStatus={onStatus} />
    </section>
  );
}

function DisconnectAccount({ account, onDone }: { account: Account; onDone: (status: string | null) => void }) {
  const scheduleWrite = useScheduleWrite();
  const { request } = useServices();
  const [choice, setChoice] = useState<'keep' | 'drafts'>('keep');
  const [error, setError] = useState('');
  const confirm = async () => {
    try {
      // A failed nudge is not said: the alarm is re-checked at the next maintenance run anyway.
      const { value: result } = await scheduleWrite(() => request('account.disconnect', { accountId: account.id, scheduled: choice }));
      const posts =
        choice === 'drafts'
          ? `Disconnected @${account.handle}; ${result.moved} scheduled posts moved to drafts.`
          : `Disconnected @${account.handle}; ${result.waiting} scheduled posts wait until you reconnect.`;
      const runner = !result.runner
        ? ''
        : result.runner.problem !== null
          ? `The team server could not be told to take it back from the runner: ${result.runner.problem} Take it back in Settings → The runner.`
          : result.runner.takenBack
            ? 'Taken back from the runner too: it forgets the sign-in at its next read.'
            : '';
      onDone(`${posts} ${signOutText(result.serverSignOut ? [result.serverSignOut] : [])} ${runner}`.replace(/\s+/g, ' ').trim());
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <div className="confirm" role="alertdialog" aria-labelledby="disconnect-heading">
      <h4 id="disconnect-heading">Disconnect @{account.handle}?</h4>
      <p>
        Cadence deletes its saved sign-in and asks {NETWORK_NAMES[account.network]} to end it. Posts already published stay on {NETWORK_NAMES[account.network]}.
      </p>
      <fieldset>
        <legend>Its scheduled posts</legend>
        <label>
          <Radio name="scheduled" checked={choice === 'keep'} onChange={() => setChoice('keep')} />
          Keep them waiting; they go out after I reconnect (late ones follow the Publishing setting)
        </label>
        <label>
          <Radio name="scheduled" checked={choice === 'drafts'} onChange={() => setChoice('drafts')} />
          Move them to drafts
        </label>
      </fieldset>
      {error ? <p role="alert">{error}</p> : null}
      <Button type="button" variant="danger" onClick={() => void confirm()}>
        Disconnect
      </Button>
      <Button type="button" onClick={() => onDone(null)}>
        Cancel
      </Button>
    </div>
  );
}

function ReminderForm({ workspace, onStatus }: { workspace: Workspace; onStatus: (text: string) => void }) {
  const { request } = useServices();
  const [network, setNetwork] = useState<ReminderNetwork>('x');
  const [handle, setHandle] = useState('');
  const [error, setError] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await request('account.addReminder', { workspaceId: workspace.id, network, handle });
      setHandle('');
      setError('');
      onStatus(`Added @${handle.replace(/^@/, '')} on ${NETWORK_NAMES[network]}. At each due time Cadence opens its share page for you.`);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="add-reminder">
      <h4 id="add-reminder">Add a reminder account</h4>
      <p className="help">
        For networks without an open posting API. At the due time Cadence opens the network’s share page with your post filled in; you press Post there.
      </p>
      <label>
        Network
        <Select value={network} onChange={(event) => setNetwork(event.target.value as ReminderNetwork)}>
          {REMINDER_NETWORKS.map((value) => (
            <option key={value} value={value}>
              {NETWORK_NAMES[value]}
            </option>
          ))}
        </Select>
      </label>
      <label>
        Handle
        <TextField value={handle} onChange={(event) => setHandle(event.target.value)} required maxLength={100} placeholder="@acmecoffee" />
      </label>
      {error ? <p role="alert">{error}</p> : null}
      <Button type="submit" disabled={!handle.trim()}>
        Add reminder account
      </Button>
    </form>
  );
}
