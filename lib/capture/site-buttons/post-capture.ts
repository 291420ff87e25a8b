import type { ClipCapture } from '../../model';
import { linkCapture } from '../from-context';
import { WARNINGS } from '../warnings';
import { HOST_TAG } from './post-buttons';
import type { SitePosts } from './sites';

/**
 * One post as a capture, read by the site's own extractor. The extractor gets a document holding
 * a copy of just this post, at the post's own address, so a post in a feed reads like its page;
 * the live page is never changed. A post that cannot be read is still clipped, as a link to it
 * with the usual warning. Nothing here is HTML: the extractors return text, and the background
 * validates the capture before it stores anything.
 */
export function capturePost(post: Element, site: SitePosts, doc: Document): ClipCapture {
  const page = new URL(doc.URL);
  const permalink = site.permalink(post, page);
  if (!permalink) throw new Error('This post has no address Cadence can read.');
  const request = { kind: 'page' as const, pageUrl: permalink };
  try {
    if (site.pagePost) {
      // Only the post the page is about has its details in the page's head.
      if (site.pagePost(page) !== permalink) return linkCapture({ pageUrl: permalink, pageTitle: '' });
      return site.extractor.extract(doc, { request: { kind: 'page', pageUrl: doc.URL }, url: page });
    }
    return site.extractor.extract(postDocument(post, doc), { request, url: new URL(permalink) });
  } catch (error) {
    console.warn(`Cadence: the ${site.id} extractor could not read this post`, error);
    return { ...linkCapture({ pageUrl: permalink, pageTitle: '' }), warnings: [WARNINGS.socialUnreadable] };
  }
}

/** A detached document with a copy of `post` (without Cadence's own buttons) as its body. */
export function postDocument(post: Element, doc: Document): Document {
  const copy = doc.implementation.createHTMLDocument('');
  const lang = doc.documentElement.getAttribute('lang');
  if (lang) copy.documentElement.setAttribute('lang', lang);
  const clone = copy.importNode(post, true);
  for (const ours of clone.querySelectorAll(HOST_TAG)) ours.remove();
  copy.body.append(clone);
  return copy;
}
