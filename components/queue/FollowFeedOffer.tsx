import { useState } from 'react';
import type { FeedLink } from '@/lib/model';
import { failureText } from '../settings/ask-for-server';
import { askForFeedHost, hostOf } from '../settings/follow-feed';
import { useServices } from '../data/store-context';
import { Button } from '../ui/Button';

/** After "Clip this page": the feeds the page names (autodiscovery), each with "Follow this site's feed". */
export function FollowFeedOffer({ feeds, workspaceId }: { feeds: FeedLink[]; workspaceId: string | null }) {
  const { request } = useServices();
  const [said, setSaid] = useState<Record<string, string>>({});
  if (feeds.length === 0 || !workspaceId) return null;
  const follow = (feed: FeedLink) => {
    askForFeedHost(feed.url)
      .then(async (granted) => {
        if (!granted) throw new Error(`Cadence needs your permission to read ${hostOf(feed.url)} to follow this feed.`);
        const result = await request('feeds.add', { workspaceId, url: feed.url });
        return result.error
          ? `Following “${result.title}”, but it could not be read: ${result.error}`
          : result.isNew
            ? `Following “${result.title}”: ${result.added} item${result.added === 1 ? '' : 's'} added.`
            : `Already following “${result.title}”.`;
      })
      .catch(failureText)
      .then((text) => setSaid((current) => ({ ...current, [feed.url]: text })));
  };
  return (
    <ul className="follow-feed" aria-label="Feeds this page names">
      {feeds.map((feed) => (
        <li key={feed.url}>
          <Button type="button" onClick={() => follow(feed)} title={feed.url}>
            Follow this site’s feed{feeds.length > 1 && feed.title ? `: ${feed.title}` : ''}
          </Button>{' '}
          <span role="status" data-testid="follow-feed-status">
            {said[feed.url] ?? ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
