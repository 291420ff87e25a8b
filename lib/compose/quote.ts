import type { Clip, Network } from '../model';
import { mentionFor } from './credit';

/**
 * A post started from a clipped selection (issue 17): the words in quotation marks, who wrote
 * them, and the `#:~:text=` link that scrolls the page to them. The shared text names the author
 * as the page does; each network's own text adds the author's handle there when the page gave one
 * (lib/compose/credit.ts), so the mention notifies and links on that network only:
 *
 *   “The words, as selected.”
 *   — Ada Author (@ada.bsky.social)
 *   https://example.com/story#:~:text=The%20words
 */

type QuoteClip = Pick<Clip, 'quote' | 'byline' | 'siteName' | 'credits'>;

export const hasQuote = (clip: Pick<Clip, 'quote'> | null): clip is Pick<Clip, 'quote'> & { quote: NonNullable<Clip['quote']> } =>
  clip?.quote != null && clip.quote.text.trim() !== '';

/** The shared text of a post quoting the clip, or null when the clip holds no quote. */
export function quoteText(clip: QuoteClip): string | null {
  if (!hasQuote(clip)) return null;
  return [`“${clip.quote.text.trim()}”`, attribution(clip, null), clip.quote.fragmentUrl].filter(Boolean).join('\n');
}

/**
 * One network's text of the quote post: the shared text with the author's line naming their
 * handle on that network; null when it says nothing more than the shared text.
 */
export function quoteTextFor(text: string, clip: QuoteClip, network: Network): string | null {
  const shared = attribution(clip, null);
  const own = attribution(clip, network);
  if (own === null || own === shared) return null;
  if (shared !== null && text.split('\n').includes(shared))
    return text
      .split('\n')
      .map((line) => (line === shared ? own : line))
      .join('\n');
  return `${text}\n${own}`;
}

/** "— Name (@handle)", "— @handle", "— Name", or null when nothing is known of the author. */
function attribution(clip: QuoteClip, network: Network | null): string | null {
  const name = authorName(clip);
  const credit = network === null ? undefined : clip.credits.find((candidate) => candidate.network === network && mentionFor(candidate) !== null);
  const mention = credit ? mentionFor(credit) : null;
  if (name && mention) return `— ${name} (${mention})`;
  return name || mention ? `— ${name ?? mention}` : null;
}

/** The byline's first line without its "By " (bylines come as pages write them), else the site. */
export function authorName(clip: Pick<Clip, 'byline' | 'siteName'>): string | null {
  const byline = clip.byline
    ?.split('\n')[0]
    ?.trim()
    .replace(/^by\s+/i, '')
    .trim();
  return byline || clip.siteName?.trim() || null;
}
