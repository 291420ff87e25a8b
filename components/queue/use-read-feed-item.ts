import { useState } from 'react';
import type { Clip } from '@/lib/model';
import { failureText } from '../settings/ask-for-server';
import { askForFeedHost, hostOf } from '../settings/follow-feed';
import { useServices } from '../data/store-context';

/**
 * "Read" on a feed item: the item's page opens in a tab and is clipped through the normal capture
 * path (the background's feeds.read), so the clip becomes the article, readable here. The page's
 * host permission is asked in the click (a feed may link to another site than its own).
 */
export function useReadFeedItem() {
  const { request } = useServices();
  const [readStatus, setStatus] = useState('');
  const readFeedItem = (clip: Clip) => {
    setStatus(`Opening “${clip.title}”…`);
    askForFeedHost(clip.sourceUrl)
      .then(async (granted) => {
        if (!granted) throw new Error(`Cadence needs your permission to read ${hostOf(clip.sourceUrl)} to clip this article.`);
        const answer = await request('feeds.read', { clipId: clip.id });
        return answer.warning ? `Clipped “${answer.title}” as a link. ${answer.warning}` : `Clipped “${answer.title}”: Read opens it here.`;
      })
      .catch(failureText)
      .then(setStatus);
  };
  return { readFeedItem, readStatus };
}
