import type { Clip, LinkCard } from '../model';

/** Networks cut card text anyway; these keep the preview honest about what will show. */
export const CARD_TITLE_MAX = 300;
export const CARD_DESCRIPTION_MAX = 1000;

const clamp = (text: string, max: number) => {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
};

/** The link card a clip makes: its page title, excerpt and lead image. Null for a clip with no web link. */
export function linkCardFromClip(clip: Pick<Clip, 'url' | 'title' | 'excerpt' | 'leadImage' | 'image'>): LinkCard | null {
  if (!/^https?:\/\//.test(clip.url)) return null;
  const image = clip.leadImage ?? clip.image?.src ?? null;
  return {
    url: clip.url,
    title: clamp(clip.title || clip.url, CARD_TITLE_MAX),
    description: clamp(clip.excerpt, CARD_DESCRIPTION_MAX),
    imageUrl: image && /^https?:\/\//.test(image) ? image : null,
  };
}

/** The host a card shows under its title, as Bluesky and Mastodon do. */
export function cardHost(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url; // Not a URL after all: show what we have rather than nothing.
  }
}
