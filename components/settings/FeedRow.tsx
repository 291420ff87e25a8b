import { useState } from 'react';
import type { Feed } from '@/lib/model';
import { failureText } from './ask-for-server';
import { useFeedWrites } from '../data/feeds';
import { useServices } from '../data/store-context';
import { askForFeedHost, hostOf } from './follow-feed';
import { Button } from '../ui/Button';

const when = (time: number | null) => (time === null ? 'never' : new Date(time).toLocaleString());

/** One followed feed: what it is, when it was read, its error if the last poll failed; Check now, Allow, Unfollow. */
export function FeedRow({ feed, onStatus }: { feed: Feed; onStatus: (text: string) => void }) {
  const { request } = useServices();
  const { remove } = useFeedWrites();
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true);
    try {
      const result = await request('feeds.poll', { feedId: feed.id });
      onStatus(
        result.errors
          ? `“${feed.title}” could not be read.`
          : `Checked “${feed.title}”: ${result.added} new item${result.added === 1 ? '' : 's'} in the Queue.`,
      );
    } catch (failure) {
      onStatus(failureText(failure));
    } finally {
      setBusy(false);
    }
  };
  const allow = () => {
    askForFeedHost(feed.url).then(
      (granted) => (granted ? check() : onStatus(`Cadence still may not read ${hostOf(feed.url)}.`)),
      (failure: unknown) => onStatus(failureText(failure)),
    );
  };
  const needsPermission = feed.error?.startsWith('Cadence may not read') ?? false;
  return (
    <li className="feed-row" data-testid="feed-row" data-feed-url={feed.url}>
      <strong>{feed.title || hostOf(feed.url)}</strong> <span className="help">{feed.format ? feed.format.toUpperCase() : ''}</span>
      <br />
      <span className="help">{feed.url}</span>
      <br />
      <span className="help">
        Checked {when(feed.lastPolledAt)} · {feed.itemsAdded} item{feed.itemsAdded === 1 ? '' : 's'} added · next check{' '}
        {new Date(feed.nextPollAt).toLocaleString()}
      </span>
      {feed.error ? (
        <p className="form-error" role="alert" data-testid="feed-error">
          {feed.error}
        </p>
      ) : null}
      <p className="settings__row">
        <Button type="button" onClick={() => void check()} disabled={busy}>
          {busy ? 'Checking…' : 'Check now'}
        </Button>
        {needsPermission ? (
          <Button type="button" onClick={allow}>
            Allow
          </Button>
        ) : null}
        <Button type="button" onClick={() => void remove(feed.id).then(() => onStatus(`Unfollowed “${feed.title}”. Its items stay in the Queue.`))}>
          Unfollow
        </Button>
      </p>
    </li>
  );
}
