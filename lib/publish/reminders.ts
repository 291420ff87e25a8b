import type { Network } from '../model';

/**
 * Share pages of the networks without an open write API (docs/architecture.md, decision 7): at the due time a
 * notification opens the page prefilled, and the user confirms once it is posted.
 * Facebook's sharer takes only a URL (it dropped prefilled text in 2017), so a post without a
 * link opens the composer on facebook.com with nothing to prefill.
 */
export type ReminderNetwork = Extract<Network, 'x' | 'linkedin' | 'threads' | 'facebook'>;

const URL_PATTERN = /https?:\/\/[^\s<>"')\]]+/i;

export function firstLink(text: string): string | null {
  return URL_PATTERN.exec(text)?.[0]?.replace(/[.,;:!?]+$/, '') ?? null;
}

export function shareUrl(network: Network, text: string, where: { link?: string | null; serverUrl?: string | null } = {}): string {
  const q = encodeURIComponent(text);
  switch (network) {
    case 'x':
      return `https://x.com/intent/post?text=${q}`;
    case 'linkedin':
      return `https://www.linkedin.com/feed/?shareActive=true&text=${q}`;
    case 'threads':
      return `https://www.threads.net/intent/post?text=${q}`;
    case 'facebook': {
      const url = where.link ?? firstLink(text);
      return url ? `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(url)}` : 'https://www.facebook.com/';
    }
    case 'bluesky':
      return `https://bsky.app/intent/compose?text=${q}`;
    case 'mastodon':
      // Mastodon's share page lives on the user's own instance.
      return `${(where.serverUrl ?? 'https://mastodon.social').replace(/\/+$/, '')}/share?text=${q}`;
  }
}
