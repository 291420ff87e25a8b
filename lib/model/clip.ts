import { z } from 'zod';
import { epochMsSchema, idSchema, networkSchema } from './common';
import { feedLinkSchema } from './feed';

/** How to @mention the author of a clip on each network, read from the page. */
export const creditSchema = z.object({
  network: networkSchema,
  handle: z.string().min(1),
  url: z.string().nullable(),
});
export type Credit = z.infer<typeof creditSchema>;

export const clipImageSchema = z.object({
  src: z.string(),
  alt: z.string(),
  width: z.number().int().nonnegative().nullable(),
  height: z.number().int().nonnegative().nullable(),
});
export type ClipImage = z.infer<typeof clipImageSchema>;

/** Another post a post shows: the post it quotes (X, Mastodon), or an item's top comment (Hacker News). */
export const quotedPostSchema = z.object({
  authorName: z.string(),
  authorHandle: z.string(),
  postUrl: z.string().nullable(),
  text: z.string(),
});
export type QuotedPost = z.infer<typeof quotedPostSchema>;

/**
 * The fields after `counts` came with issue 25 (posts read whole): optional, so rows stored
 * before them read as they are, with nothing to migrate.
 */
export const socialPostSchema = z.object({
  network: z.enum(['bluesky', 'mastodon', 'x', 'threads', 'linkedin', 'reddit', 'youtube', 'hackernews']),
  authorName: z.string(),
  authorHandle: z.string(),
  postUrl: z.string(),
  text: z.string(),
  media: z.array(clipImageSchema),
  postedAt: epochMsSchema.nullable(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** A post's own title: a Reddit post, a Hacker News story, an X article. */
  title: z.string().optional(),
  /** The address a link post points to (Reddit, Hacker News). */
  linkUrl: z.string().optional(),
  /** Where it was posted: a subreddit ("r/socialmedia"). */
  community: z.string().optional(),
  /** The content warning the post is shown behind (Mastodon's spoiler text). */
  contentWarning: z.string().optional(),
  quoted: quotedPostSchema.optional(),
  topComment: quotedPostSchema.optional(),
});
export type SocialPost = z.infer<typeof socialPostSchema>;

/** `feed-item`: an item a followed feed brought (issue 22); "Read" clips its page as an article, which merges into it. */
export const clipKindSchema = z.enum(['article', 'selection', 'image', 'link', 'social-post', 'feed-item']);
export type ClipKind = z.infer<typeof clipKindSchema>;

/**
 * Something worth sharing, captured while browsing. Clips of the same canonical URL merge:
 * `url` is the canonical URL with tracking parameters removed, and the store indexes it.
 */
export const clipSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  workspaceIds: z.array(idSchema),
  kind: clipKindSchema,
  url: z.string(),
  sourceUrl: z.string(),
  title: z.string(),
  excerpt: z.string(),
  byline: z.string().nullable(),
  siteName: z.string().nullable(),
  publishedTime: z.string().nullable(),
  lang: z.string().nullable(),
  text: z.string(),
  /** Cleaned to an allow-list before it was stored (lib/capture/clean-article.ts); sanitized again (lib/capture/sanitize.ts) wherever it is rendered. */
  html: z.string(),
  leadImage: z.string().nullable(),
  readingMinutes: z.number().nonnegative().nullable(),
  quote: z.object({ text: z.string(), fragmentUrl: z.string() }).nullable(),
  image: clipImageSchema.nullable(),
  post: socialPostSchema.nullable(),
  credits: z.array(creditSchema),
  tags: z.array(z.string()),
  note: z.string(),
  status: z.enum(['new', 'used', 'archived']),
  /** Things the user should know about this capture, e.g. "fell back to a plain link". */
  warnings: z.array(z.string()),
  capturedAt: epochMsSchema,
  updatedAt: epochMsSchema,
});
export type Clip = z.infer<typeof clipSchema>;

/** What a capture in a page hands to the background: a clip before the queue owns it. */
export const clipCaptureSchema = clipSchema.pick({
  kind: true,
  url: true,
  sourceUrl: true,
  title: true,
  excerpt: true,
  byline: true,
  siteName: true,
  publishedTime: true,
  lang: true,
  text: true,
  html: true,
  leadImage: true,
  readingMinutes: true,
  quote: true,
  image: true,
  post: true,
  credits: true,
  warnings: true,
});
export type ClipCapture = z.infer<typeof clipCaptureSchema>;

/**
 * What /capture.js hands back from the page: the clip, and for an article, the markup and text
 * Readability gave, before they are cleaned. The page does no more than read (issue "Curate":
 * in-page work close to Readability's own); lib/capture/finish-clip.ts makes the clip from this
 * in the extension, cleaning the markup where there is a DOM (lib/platform/article-cleaner.ts).
 * `article.html` is untrusted markup: nothing stores or shows it as it is.
 */
export const pageCaptureSchema = z.object({
  clip: clipCaptureSchema,
  article: z.object({ html: z.string(), text: z.string() }).nullable(),
  /** The feeds the page names (`<link rel="alternate">`, issue 22); absent where the request was not for the page. */
  feeds: z.array(feedLinkSchema).max(20).optional(),
});
export type PageCapture = z.infer<typeof pageCaptureSchema>;

/**
 * Limits on a capture sent as a message (capture.submit, capture.shareNext): a content script runs
 * beside the page's own script, so what it sends is as untrusted as the page (issue 18: a 20 MB
 * title and `javascript:` URLs were stored as sent). Addresses are web addresses; pictures may
 * also be raster data URLs, as lib/capture/url-rules.ts allows. The lengths are far above any
 * real page (a long article's text is some 100,000 characters) and far below what hurts.
 */
export const CAPTURE_LIMITS = { url: 8_192, title: 2_000, short: 10_000, text: 1_000_000, html: 3_000_000, image: 2_000_000, items: 100 } as const;
const webUrl = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => /^https?:\/\//i.test(value.trim()), { message: 'must be an http(s) address' });
const pictureUrl = z
  .string()
  .max(CAPTURE_LIMITS.image)
  .refine((value) => /^https?:\/\//i.test(value.trim()) || /^data:image\/(?:png|gif|jpe?g|webp|avif);/i.test(value.trim()), {
    message: 'must be an http(s) address or a raster data URL',
  });
const shortText = z.string().max(CAPTURE_LIMITS.short);
const submittedImageSchema = clipImageSchema.extend({ src: pictureUrl, alt: shortText });
const submittedQuoteSchema = quotedPostSchema.extend({
  authorName: shortText,
  authorHandle: shortText,
  postUrl: webUrl(CAPTURE_LIMITS.url).nullable(),
  text: z.string().max(CAPTURE_LIMITS.short * 10),
});

export const submittedCaptureSchema = clipCaptureSchema.extend({
  url: webUrl(CAPTURE_LIMITS.url),
  sourceUrl: webUrl(CAPTURE_LIMITS.url),
  title: z.string().max(CAPTURE_LIMITS.title),
  excerpt: shortText,
  byline: shortText.nullable(),
  siteName: shortText.nullable(),
  publishedTime: z.string().max(100).nullable(),
  lang: z.string().max(100).nullable(),
  text: z.string().max(CAPTURE_LIMITS.text),
  /** Cleaned by the background before it is stored (lib/capture/clean-submitted.ts). */
  html: z.string().max(CAPTURE_LIMITS.html),
  leadImage: pictureUrl.nullable(),
  quote: z.object({ text: z.string().max(CAPTURE_LIMITS.short * 10), fragmentUrl: webUrl(CAPTURE_LIMITS.url * 2) }).nullable(),
  image: submittedImageSchema.nullable(),
  post: socialPostSchema
    .extend({
      authorName: shortText,
      authorHandle: shortText,
      postUrl: webUrl(CAPTURE_LIMITS.url),
      text: z.string().max(CAPTURE_LIMITS.short * 10),
      media: z.array(submittedImageSchema).max(CAPTURE_LIMITS.items),
      title: z.string().max(CAPTURE_LIMITS.title).optional(),
      linkUrl: webUrl(CAPTURE_LIMITS.url).optional(),
      community: shortText.optional(),
      contentWarning: shortText.optional(),
      quoted: submittedQuoteSchema.optional(),
      topComment: submittedQuoteSchema.optional(),
    })
    .nullable(),
  credits: z.array(creditSchema.extend({ handle: z.string().min(1).max(500), url: webUrl(CAPTURE_LIMITS.url).nullable() })).max(CAPTURE_LIMITS.items),
  warnings: z.array(shortText).max(CAPTURE_LIMITS.items),
});
