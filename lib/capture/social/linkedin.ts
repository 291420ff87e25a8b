import type { ClipImage } from '../../model';
import { stripTracking } from '../canonical-url';
import { absoluteHttpUrl, textOf } from '../dom';
import { ExtractError } from '../extract-error';
import type { Extractor } from '../extractor';
import { linkedinIdTime, parseCount } from './numbers';
import { postClip } from './post-clip';

const ACTOR_SELECTORS = ['a[data-tracking-control-name$="feed-actor-name"]', '.update-components-actor__title a', 'a[href*="/in/"]', 'a[href*="/company/"]'];
const CARD = 'article[data-activity-urn], [data-id^="urn:li:activity:"], [data-urn^="urn:li:activity:"]';

/**
 * A LinkedIn post from its public page (`/posts/<slug>-activity-<id>-…`) or the feed
 * (`/feed/update/urn:li:activity:<id>`). LinkedIn mentions are by name, so the credit is the name.
 */
export const linkedinExtractor: Extractor = {
  id: 'linkedin',
  canExtract: (url) => /(^|\.)linkedin\.com$/.test(url.hostname) && /^\/(?:posts\/|feed\/update\/)/.test(url.pathname),
  extract(doc, context) {
    const card = doc.querySelector(CARD);
    // In order of preference: querySelector with a list would return the avatar link, which comes first.
    const actor = ACTOR_SELECTORS.map((selector) => card?.querySelector(selector)).find((link) => link && textOf(link));
    const authorName = textOf(actor).split('\n')[0] ?? '';
    if (!card || !actor || !authorName) throw new ExtractError('no activity card with an author on this page');
    const urn = card.getAttribute('data-activity-urn') ?? card.getAttribute('data-urn') ?? card.getAttribute('data-id') ?? '';
    const id = /activity[:-](\d+)/.exec(urn)?.[1] ?? /activity[:-](\d+)/.exec(context.url.pathname)?.[1] ?? '';
    const profile = stripTracking(absoluteHttpUrl(actor.getAttribute('href'), context.request.pageUrl) ?? '');
    const media: ClipImage[] = [];
    for (const img of card.querySelectorAll('[data-test-id="feed-images-content"] img, .update-components-image img')) {
      const src = absoluteHttpUrl(img.getAttribute('data-delayed-url') ?? img.getAttribute('src'), context.request.pageUrl);
      if (src) media.push({ src, alt: img.getAttribute('alt') ?? '', width: null, height: null });
    }
    const counts: Record<string, number> = {};
    const reactions = parseCount(card.querySelector('[data-num-reactions]')?.getAttribute('data-num-reactions'));
    const comments = parseCount(card.querySelector('[data-num-comments]')?.getAttribute('data-num-comments'));
    if (reactions !== null) counts.reactions = reactions;
    if (comments !== null) counts.comments = comments;
    const post = {
      network: 'linkedin' as const,
      authorName,
      authorHandle: /\/(?:in|company)\/([^/?#]+)/.exec(profile)?.[1] ?? authorName,
      postUrl: id ? `https://www.linkedin.com/feed/update/urn:li:activity:${id}/` : context.request.pageUrl,
      text: textOf(card.querySelector('[data-test-id="main-feed-activity-card__commentary"], .update-components-text, .feed-shared-update-v2__description')),
      media,
      postedAt: linkedinIdTime(id),
      counts,
    };
    return postClip(doc, context, post, { network: 'linkedin', handle: authorName, url: profile || null });
  },
};
