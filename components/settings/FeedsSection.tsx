import { useState, type FormEvent } from 'react';
import type { Workspace } from '@/lib/model';
import { FlaggedRows } from '../common/FlaggedRows';
import { useFeeds } from '../data/feeds';
import { useServices } from '../data/store-context';
import { failureText } from './ask-for-server';
import { askForFeedHost, hostOf } from './follow-feed';
import { FeedRow } from './FeedRow';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';

/**
 * Feeds of the workspace (issue 22): RSS, Atom or JSON Feed addresses whose new items come into the
 * Queue as "Feed item" clips. The feed host's permission is asked in the Follow click; the Queue's
 * "Clip this page" offers the feeds a page names.
 */
export function FeedsSection({ workspace, onStatus }: { workspace: Workspace; onStatus: (text: string) => void }) {
  const { request } = useServices();
  const feeds = useFeeds(workspace.id);
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const follow = (event: FormEvent) => {
    event.preventDefault();
    setError('');
    const address = url.trim();
    setBusy(true);
    askForFeedHost(address)
      .then(async (granted) => {
        if (!granted) throw new Error(`Cadence needs your permission to read ${hostOf(address)} to follow this feed.`);
        const result = await request('feeds.add', { workspaceId: workspace.id, url: address });
        setUrl('');
        onStatus(
          result.error
            ? `Following “${result.title}”, but it could not be read: ${result.error}`
            : `Following “${result.title}”: ${result.added} item${result.added === 1 ? '' : 's'} added to the Queue.`,
        );
      })
      .catch((failure: unknown) => setError(failureText(failure)))
      .finally(() => setBusy(false));
  };
  return (
    <section aria-labelledby="feeds-heading" className="settings__section">
      <h3 id="feeds-heading">Feeds</h3>
      <p className="help">
        New items of these RSS, Atom and JSON feeds come into {workspace.name}’s Queue as feed items, checked every hour (or as the feed asks).
      </p>
      {feeds === undefined ? <p aria-busy="true">Loading feeds…</p> : null}
      <FlaggedRows rows={feeds ?? []} what="feed" />
      <ul className="feed-list" aria-label="Feeds">
        {(feeds ?? []).flatMap((row) => (row.ok ? [<FeedRow key={row.key} feed={row.value} onStatus={onStatus} />] : []))}
      </ul>
      <form onSubmit={follow} className="settings__row">
        <label>
          Feed address <TextField type="url" value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://example.com/feed.xml" required />
        </label>
        <Button type="submit" disabled={busy}>
          {busy ? 'Following…' : 'Follow feed'}
        </Button>
      </form>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
