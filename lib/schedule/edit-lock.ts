import type { Delivery, Post } from '../model';

/**
 * When a post's words may not change: while one of its deliveries is on its way, what the network
 * gets is fixed, and the publisher's crash recovery and the hand-off lookup find the post on the
 * network by those words (lib/publish/resolve-hand-off.ts) — an edit then would make Cadence think
 * it never went out.
 * - publishing: claimed by the publisher, the request may be in flight;
 * - handed off: Mastodon's scheduler holds the text (`scheduled_at`), and takes no changes; it
 *   stays locked until the lookup has found the status it became.
 * Labels (campaign, pillar), recycling and the schedule are not the words: they stay editable.
 */
export function editLock(deliveries: readonly Delivery[]): string | null {
  if (deliveries.some((d) => d.state === 'publishing')) {
    return 'This post is going out right now, so its words cannot change. When the Calendar shows it published, copy it to a new draft to post different words.';
  }
  if (deliveries.some(isHandedOff)) {
    return 'This post is with your Mastodon server’s scheduler, which takes no changes. To edit it, choose “Cancel hand-off” on its Calendar chip (it comes back here as a draft), or copy it to a new draft.';
  }
  return null;
}

/**
 * Said in Compose when the words may change but some of the post already went out: each published
 * delivery keeps the words it sent (Delivery.sent), so an edit shapes only what goes out next —
 * the next evergreen round, or the accounts still waiting.
 */
export function publishedNote(deliveries: readonly Delivery[]): string | null {
  const published = deliveries.filter((d) => d.state === 'published').length;
  if (published === 0) return null;
  const times = published === 1 ? 'once' : `${published} times`;
  return `This post went out ${times} already. Those posts keep the words they were sent with (the Calendar and Insights show them); what you change here goes out next time.`;
}

function isHandedOff(d: Delivery): boolean {
  if (d.method !== 'server-scheduled') return false;
  return d.state === 'scheduled' || (d.state === 'published' && d.remote?.url === '');
}

const WORDS: readonly (keyof Post)[] = ['text', 'variants', 'media', 'link', 'lang', 'utm', 'replyTo'];

/** Whether `next` changes what the networks would get from `stored`. */
export function changesWords(stored: Post, next: Post): boolean {
  return WORDS.some((key) => JSON.stringify(stored[key]) !== JSON.stringify(next[key]));
}
