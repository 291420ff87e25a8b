import { useState } from 'react';
import type { Stream } from '@/lib/model';
import { EmptyState } from '../ui/EmptyState';
import { errorText } from '../common/error-text';
import { useStreamResults, useStreams, useStreamWrites } from '../data/listening';
import { useServices } from '../data/store-context';
import { useActiveWorkspaceId } from '../data/workspace';
import { listKeys } from '../inbox/use-list-keys';
import { usePanelVisible } from '../inbox/use-panel-visible';
import { StreamForm } from './StreamForm';
import { StreamResultItem } from './StreamResultItem';
import '../inbox/inbox.css';
import { Button } from '../ui/Button';

/** Listening streams of the active workspace, polled with the inbox; the chosen stream's finds, newest first. */
export function ListeningView() {
  usePanelVisible();
  const { request } = useServices();
  const writes = useStreamWrites();
  const [editing, setEditing] = useState<Stream | 'new' | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const workspaceId = useActiveWorkspaceId() ?? null;
  const { streams, accounts } = useStreams(workspaceId);
  const chosen = streams.find((stream) => stream.id === chosenId) ?? streams[0];
  const results = useStreamResults(chosen?.id);

  if (!workspaceId) return <EmptyState title="No workspace">Create a workspace in Settings first.</EmptyState>;
  if (editing) return <StreamForm workspaceId={workspaceId} accounts={accounts} stream={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />;

  const remove = async (stream: Stream) => {
    if (!window.confirm(`Delete the stream “${stream.name}” and what it found?`)) return;
    await writes.remove(stream.id);
  };
  const checkNow = async () => {
    setStatus('Searching…');
    try {
      const { found } = await request('inbox.poll', {});
      setStatus(found ? `${found} new.` : 'Nothing new.');
    } catch (error) {
      setStatus(errorText(error));
    }
  };

  return (
    <div className="listening">
      {streams.length > 0 ? <h2 className="view-title">Listening</h2> : null}
      {streams.length === 0 ? (
        <EmptyState title="No listening streams">
          <p>
            Add a keyword, hashtag or phrase to follow what people say about your client, their products and competitors.
            {accounts.length ? '' : ' Connect a Bluesky or Mastodon account in Settings first.'}
          </p>
        </EmptyState>
      ) : (
        <ul className="listening__streams" aria-label="Streams">
          {streams.map((stream) => (
            <li key={stream.id} className={stream.id === chosen?.id ? 'listening__stream listening__stream--chosen' : 'listening__stream'}>
              <Button
                type="button"
                variant="quiet"
                className="listening__stream-name"
                aria-current={stream.id === chosen?.id ? 'true' : undefined}
                onClick={() => setChosenId(stream.id)}
              >
                {stream.name}{' '}
                <span className="muted">
                  ({stream.kind}: {stream.query})
                </span>
              </Button>{' '}
              <Button type="button" variant="quiet" isSmall aria-label={`Edit ${stream.name}`} onClick={() => setEditing(stream)}>
                Edit
              </Button>{' '}
              <Button type="button" variant="quiet" isSmall aria-label={`Delete ${stream.name}`} onClick={() => void remove(stream)}>
                Delete
              </Button>
            </li>
          ))}
        </ul>
      )}
      <p className="listening__actions">
        <Button type="button" onClick={() => setEditing('new')} disabled={accounts.length === 0}>
          New stream
        </Button>{' '}
        {streams.length ? (
          <Button type="button" onClick={() => void checkNow()}>
            Search now
          </Button>
        ) : null}{' '}
        <span role="status" className="muted">
          {status}
        </span>
      </p>
      {chosen ? (
        results.length === 0 ? (
          <p className="muted">
            Nothing found for “{chosen.query}” yet{chosen.lastPolledAt ? ` (last searched ${new Date(chosen.lastPolledAt).toLocaleTimeString()})` : ''}.
          </p>
        ) : (
          <ul className="listening__results" aria-label={`Found by ${chosen.name}`} onKeyDown={listKeys}>
            {results.map((result) => (
              <StreamResultItem key={result.id} result={result} account={accounts.find((account) => account.id === result.accountId)} />
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
