import type { Network } from './common';
import type { SocialPost } from './clip';

/** Each network as people name it, for the words of the interface. */
export const NETWORK_NAMES: Record<Network | SocialPost['network'], string> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  x: 'X',
  threads: 'Threads',
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
  reddit: 'Reddit',
  youtube: 'YouTube',
  hackernews: 'Hacker News',
};
