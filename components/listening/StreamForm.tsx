import { useId, useState } from 'react';
import { newId, streamSchema, type Account, type Stream } from '@/lib/model';
import { zodMessage } from '@/lib/errors';
import { useStreamWrites } from '../data/listening';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Checkbox';
import { Select } from '../ui/Select';
import { TextField } from '../ui/TextField';

/** Create or edit a listening stream: what to listen for, and through which accounts. */
export function StreamForm({ workspaceId, accounts, stream, onDone }: { workspaceId: string; accounts: Account[]; stream: Stream | null; onDone: () => void }) {
  const { save: saveStream } = useStreamWrites();
  const id = useId();
  const [name, setName] = useState(stream?.name ?? '');
  const [kind, setKind] = useState<Stream['kind']>(stream?.kind ?? 'keyword');
  const [query, setQuery] = useState(stream?.query ?? '');
  const [accountIds, setAccountIds] = useState<string[]>(stream?.accountIds ?? accounts.map((account) => account.id));
  const [error, setError] = useState('');

  const save = async () => {
    const at = Date.now();
    const next = streamSchema.safeParse({
      v: 1,
      id: stream?.id ?? newId('st'),
      workspaceId,
      name: name.trim() || query.trim(),
      kind,
      query,
      accountIds,
      // A changed query starts over: the old cursors belong to the old search.
      cursors: stream && stream.query === query.trim() && stream.kind === kind ? stream.cursors : {},
      lastPolledAt: stream?.lastPolledAt ?? null,
      createdAt: stream?.createdAt ?? at,
    });
    if (!next.success) return setError(`Check the stream: ${zodMessage(next.error)}`);
    if (accountIds.length === 0) return setError('Choose at least one account to search through.');
    await saveStream(next.data);
    onDone();
  };

  return (
    <form
      className="stream-form"
      aria-label={stream ? `Edit stream ${stream.name}` : 'New stream'}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <label htmlFor={`${id}-query`}>Listen for</label>
      <TextField id={`${id}-query`} data-testid="stream-query" required value={query} onChange={(event) => setQuery(event.target.value)} />
      <label htmlFor={`${id}-kind`}>As</label>
      <Select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as Stream['kind'])}>
        <option value="keyword">Keywords</option>
        <option value="hashtag">Hashtag</option>
        <option value="phrase">Exact phrase</option>
      </Select>
      <label htmlFor={`${id}-name`}>Name (optional)</label>
      <TextField id={`${id}-name`} value={name} onChange={(event) => setName(event.target.value)} />
      <fieldset>
        <legend>Search through</legend>
        {accounts.map((account) => (
          <label key={account.id}>
            <Checkbox
              checked={accountIds.includes(account.id)}
              onChange={(event) => setAccountIds((ids) => (event.target.checked ? [...ids, account.id] : ids.filter((other) => other !== account.id)))}
            />{' '}
            @{account.handle}
          </label>
        ))}
      </fieldset>
      {error ? <p role="alert">{error}</p> : null}
      <Button type="submit">{stream ? 'Save stream' : 'Add stream'}</Button>{' '}
      <Button type="button" onClick={onDone}>
        Cancel
      </Button>
    </form>
  );
}
