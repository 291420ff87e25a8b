import type { ClipCapture, Credit, SocialPost } from '../../model';
// The file itself, not lib/model's index: that would bring zod into /capture.js.
import { NETWORK_NAMES } from '../../model/network-names';
import { shorten } from '../dom';
import type { ExtractContext } from '../extractor';
import { pageMeta } from '../page-meta';
import { stripTracking } from '../canonical-url';


/**
 * A social-post clip: the post's own URL, its text, and its author as the only credit (the page's
 * twitter:site and the like name the platform, not the person to thank).
 */
export function postClip(doc: Document, context: ExtractContext, post: SocialPost, author: Credit | null): ClipCapture {
  const meta = pageMeta(doc, context);
  const url = stripTracking(post.postUrl);
  const who = post.authorName || post.authorHandle;
  return {
    ...meta,
    kind: 'social-post',
    url,
    title: post.network === 'youtube' || post.network === 'reddit' ? meta.title : `${who} on ${NETWORK_NAMES[post.network]}`,
    excerpt: shorten(post.text),
    byline: who || null,
    siteName: NETWORK_NAMES[post.network],
    publishedTime: post.postedAt === null ? null : new Date(post.postedAt).toISOString(),
    text: post.text,
    leadImage: post.media[0]?.src ?? meta.leadImage,
    post: { ...post, postUrl: url },
    credits: author ? [author] : [],
  };
}
