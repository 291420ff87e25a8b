import type { ClipCapture, Credit, QuotedPost, SocialPost } from '../../model';
// The file itself, not lib/model's index: that would bring zod into /capture.js.
import { NETWORK_NAMES } from '../../model/network-names';
import { shorten } from '../dom';
import type { ExtractContext } from '../extractor';
import { pageMeta } from '../page-meta';
import { stripTracking } from '../canonical-url';
import { WARNINGS } from '../warnings';

/**
 * A social-post clip: the post's own URL, its text, and its author as the only credit (the page's
 * twitter:site and the like name the platform, not the person to thank). The clip's text is the
 * whole post as a reader sees it (issue 25): its title, content warning, text, link, the post it
 * quotes and, where the site has one, the top comment; `post` keeps each part in its own field.
 * Only the author is required of an extractor; a field whose markup it cannot find stays empty.
 */
export function postClip(doc: Document, context: ExtractContext, post: SocialPost, author: Credit | null): ClipCapture {
  const meta = pageMeta(doc, context);
  const url = stripTracking(post.postUrl);
  const who = post.authorName || post.authorHandle;
  const text = wholePost(post);
  return {
    ...meta,
    kind: 'social-post',
    url,
    title: post.title || (post.network === 'youtube' || post.network === 'reddit' ? meta.title : `${who} on ${NETWORK_NAMES[post.network]}`),
    excerpt: shorten(text),
    byline: who || null,
    siteName: NETWORK_NAMES[post.network],
    publishedTime: post.postedAt === null ? null : new Date(post.postedAt).toISOString(),
    text,
    leadImage: post.media[0]?.src ?? meta.leadImage,
    post: { ...post, postUrl: url },
    credits: author ? [author] : [],
    // Fail soft (issue 25): markup that changed under the text still leaves the author and address.
    warnings: text || post.media.length > 0 ? meta.warnings : [...meta.warnings, WARNINGS.postTextUnread],
  };
}

function wholePost(post: SocialPost): string {
  const quoted = (label: string, quote: QuotedPost | undefined) =>
    quote?.text
      ? `${label} ${[quote.authorName, quote.authorHandle && quote.authorHandle !== quote.authorName ? `(${quote.authorHandle})` : ''].filter(Boolean).join(' ')}:\n${quote.text}`
      : '';
  return [
    post.title && !post.text.startsWith(post.title) ? post.title : '',
    post.contentWarning ? `Content warning: ${post.contentWarning}` : '',
    post.text,
    post.linkUrl && !post.text.includes(post.linkUrl) ? post.linkUrl : '',
    quoted('Quoting', post.quoted),
    quoted('Top comment by', post.topComment),
  ]
    .filter(Boolean)
    .join('\n\n');
}
