import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { httpUrl, isoDate, MAX_ITEMS, type FeedItem, type ParsedFeed } from './feed-item';
import { plainLine, plainText } from './plain-text';

/**
 * RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom, with the extensions feeds use for what Cadence keeps:
 * `content:encoded`, `dc:creator`, Media RSS, iTunes podcast tags. Parsed by fast-xml-parser,
 * never by patterns. A document type may declare entities (a "billion laughs" declares a few that
 * expand to gigabytes): the parser's limits stop it, and the feed's row says why.
 */
type Node = Record<string, unknown>;

// Elements that may repeat are always arrays, so one item reads like many.
const ALWAYS_ARRAY = new Set(['item', 'entry', 'link', 'enclosure', 'media:content', 'media:thumbnail', 'author', 'dc:creator', 'category']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  processEntities: { enabled: true, maxEntityCount: 20, maxEntitySize: 2_000, maxTotalExpansions: 200, maxExpandedLength: 20_000, maxExpansionDepth: 3 },
  isArray: (name) => ALWAYS_ARRAY.has(name),
});

/** An XML feed; throws a sentence for what is not one. */
export function parseXmlFeed(body: string, feedUrl: string): ParsedFeed {
  // Feeds never need declared entities; a document that declares any is refused before parsing.
  const root = body.search(/<(rss|feed|rdf:RDF)[\s>]/);
  if (body.slice(0, root === -1 ? body.length : root).includes('<!ENTITY')) {
    throw new Error('This feed declares its own XML entities (<!ENTITY>), which feeds never need and which can expand to gigabytes: Cadence does not read it.');
  }
  const valid = XMLValidator.validate(body, { allowBooleanAttributes: true });
  if (valid !== true) throw new Error(`This feed is not valid XML (line ${valid.err.line}: ${valid.err.msg}).`);
  let doc: Node;
  try {
    doc = parser.parse(body) as Node;
  } catch (error) {
    throw new Error(`This feed could not be read: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const rss = node(doc.rss);
  if (rss) return readRss(node(rss.channel) ?? {}, feedUrl, null);
  const rdf = node(doc['rdf:RDF']);
  if (rdf) return readRss(node(rdf.channel) ?? {}, feedUrl, list(rdf.item));
  const atom = node(doc.feed);
  if (atom) return readAtom(atom, feedUrl);
  throw new Error('This address answers with XML that is not a feed (no <rss>, <feed> or RDF root).');
}

function readRss(channel: Node, feedUrl: string, rdfItems: unknown[] | null): ParsedFeed {
  const base = httpUrl(textOf(channel.link), feedUrl) ?? feedUrl;
  const channelImage = httpUrl(attr(channel['itunes:image'], 'href'), base) ?? httpUrl(textOf(node(channel.image)?.url), base);
  const ttl = Number.parseInt(textOf(channel.ttl), 10);
  const items = (rdfItems ?? list(channel.item)).slice(0, MAX_ITEMS).flatMap((raw): FeedItem[] => {
    const item = node(raw);
    if (!item) return [];
    const guid = node(item.guid);
    const guidIsLink = guid ? attr(guid, 'isPermaLink') !== 'false' : typeof item.guid === 'string';
    const url = httpUrl(textOf(item.link), base) ?? (guidIsLink ? httpUrl(textOf(item.guid), base) : null) ?? httpUrl(attr(item, 'rdf:about'), base);
    if (!url) return [];
    const content = plainText(textOf(item['content:encoded']));
    const summary = plainText(textOf(item.description) || textOf(item['itunes:summary']) || textOf(item['itunes:subtitle']), 2_000) || content.slice(0, 2_000);
    const author = textOf(item['dc:creator']) || textOf(item['itunes:author']) || textOf(item.author);
    return [
      {
        url,
        title: plainLine(textOf(item.title)) || summary.slice(0, 120) || url,
        author: author ? plainLine(author, 200) : null,
        summary,
        text: content || summary,
        image: itemImage(item, base) ?? channelImage,
        publishedAt: isoDate(textOf(item.pubDate) || textOf(item['dc:date'])),
      },
    ];
  });
  return {
    format: 'rss',
    title: plainLine(textOf(channel.title)),
    siteUrl: httpUrl(textOf(channel.link), feedUrl),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    items,
  };
}

function readAtom(feed: Node, feedUrl: string): ParsedFeed {
  const siteUrl = atomLink(feed.link, feedUrl);
  const entries = list(feed.entry)
    .slice(0, MAX_ITEMS)
    .flatMap((raw): FeedItem[] => {
      const entry = node(raw);
      if (!entry) return [];
      const url = atomLink(entry.link, feedUrl) ?? httpUrl(textOf(entry.id), feedUrl);
      if (!url) return [];
      const content = plainText(textOf(entry.content));
      const summary =
        plainText(textOf(entry.summary) || textOf(entry['media:group'] && node(entry['media:group'])?.['media:description']), 2_000) || content.slice(0, 2_000);
      const author =
        list(entry.author)
          .map((a) => textOf(node(a)?.name))
          .find(Boolean) ??
        list(feed.author)
          .map((a) => textOf(node(a)?.name))
          .find(Boolean);
      return [
        {
          url,
          title: plainLine(textOf(entry.title)) || summary.slice(0, 120) || url,
          author: author ? plainLine(author, 200) : null,
          summary,
          text: content || summary,
          image: itemImage(entry, feedUrl) ?? itemImage(node(entry['media:group']) ?? {}, feedUrl),
          publishedAt: isoDate(textOf(entry.published) || textOf(entry.updated)),
        },
      ];
    });
  return { format: 'atom', title: plainLine(textOf(feed.title)), siteUrl, ttlMinutes: null, items: entries };
}

/** Media RSS thumbnail or image content, an image enclosure, a podcast episode's image. */
function itemImage(item: Node, base: string): string | null {
  for (const thumb of list(item['media:thumbnail'])) {
    const url = httpUrl(attr(thumb, 'url'), base);
    if (url) return url;
  }
  for (const media of [...list(item['media:content']), ...list(item.enclosure)]) {
    const type = attr(media, 'type') ?? '';
    if (type.startsWith('image/') || attr(media, 'medium') === 'image') {
      const url = httpUrl(attr(media, 'url'), base);
      if (url) return url;
    }
  }
  return httpUrl(attr(item['itunes:image'], 'href'), base);
}

/** Atom's `<link rel="alternate" href>` (a link without rel is alternate, RFC 4287 §4.2.7.2). */
function atomLink(links: unknown, base: string): string | null {
  const all = list(links)
    .map(node)
    .filter((link): link is Node => link !== null);
  const alternate = all.find((link) => (attr(link, 'rel') ?? 'alternate') === 'alternate') ?? all.find((link) => attr(link, 'rel') === undefined);
  return alternate ? httpUrl(attr(alternate, 'href'), base) : null;
}

function node(value: unknown): Node | null {
  if (Array.isArray(value)) return node(value[0]);
  return typeof value === 'object' && value !== null ? (value as Node) : null;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function attr(value: unknown, name: string): string | undefined {
  const found = node(value)?.[`@${name}`];
  return typeof found === 'string' ? found : undefined;
}

/** The text of an element, whether it came as a string or as an object with attributes. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return textOf(value[0]);
  const inner = node(value)?.['#text'];
  return typeof inner === 'string' || typeof inner === 'number' ? String(inner) : '';
}
