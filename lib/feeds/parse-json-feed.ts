import { z } from 'zod';
import { httpUrl, isoDate, MAX_ITEMS, type FeedItem, type ParsedFeed } from './feed-item';
import { plainLine, plainText } from './plain-text';

// JSON Feed 1.0 and 1.1 (jsonfeed.org/version/1.1): loose where the spec is, every field checked.
const text = z.string().max(1_000_000).optional().catch(undefined);
const authorSchema = z.object({ name: text }).partial().catch({});
const itemSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional().catch(undefined),
    url: text,
    external_url: text,
    title: text,
    summary: text,
    content_text: text,
    content_html: text,
    image: text,
    banner_image: text,
    date_published: text,
    author: authorSchema.optional(),
    authors: z.array(authorSchema).max(100).optional().catch(undefined),
  })
  .catch({});
const jsonFeedSchema = z.object({
  version: z.string().startsWith('https://jsonfeed.org/version/'),
  title: z.string().max(10_000).catch(''),
  home_page_url: text,
  items: z.array(z.unknown()),
});

/** A JSON Feed document; throws a sentence for what is not one. */
export function parseJsonFeed(body: string, feedUrl: string): ParsedFeed {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new Error('This feed is not valid JSON.');
  }
  const parsed = jsonFeedSchema.safeParse(json);
  if (!parsed.success) throw new Error('This JSON is not a JSON Feed (it has no jsonfeed.org version or no items).');
  const feed = parsed.data;
  const items = feed.items.slice(0, MAX_ITEMS).flatMap((raw): FeedItem[] => {
    const item = itemSchema.parse(raw);
    const url = httpUrl(item.url, feedUrl) ?? httpUrl(item.external_url, feedUrl) ?? httpUrl(item.id, feedUrl);
    if (!url) return [];
    const body = item.content_html ? plainText(item.content_html) : plainText(item.content_text ?? '');
    const summary = plainText(item.summary ?? '', 2_000) || body.slice(0, 2_000);
    const author = item.authors?.find((a) => a.name)?.name ?? item.author?.name;
    return [
      {
        url,
        title: plainLine(item.title ?? '') || summary.slice(0, 120) || url,
        author: author ? plainLine(author, 200) : null,
        summary,
        text: body || summary,
        image: httpUrl(item.image, feedUrl) ?? httpUrl(item.banner_image, feedUrl),
        publishedAt: isoDate(item.date_published),
      },
    ];
  });
  return { format: 'json', title: plainLine(feed.title), siteUrl: httpUrl(feed.home_page_url, feedUrl), ttlMinutes: null, items };
}
