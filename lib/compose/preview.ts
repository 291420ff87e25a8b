import type { Account, LinkCard, Post } from '../model';
import { countFor, type TextCount } from './count';
import { detectFacets, type Facet } from './facets';
import { outgoingComment, outgoingParts } from './post-draft';
import { utf8Length } from './text-units';

/**
 * What one account's post will look like on its network (issue 22, Compose's preview), from the
 * same functions publishing uses: the parts of lib/compose/post-draft.ts (what build-input.ts
 * sends), the facets of ./facets.ts (what the Bluesky adapter writes) and the counts of
 * ./count.ts. Invariants:
 * - a segment's text is the post's text cut at the facets' UTF-8 byte offsets, so the segments
 *   joined are exactly the text sent;
 * - a mention is shown as a mention; on Bluesky it becomes a link only if its handle resolves,
 *   which only the network can say (it stays plain text otherwise, as the adapter sends it);
 * - the link card shows where the network shows it: on Bluesky on the first part when it has no
 *   images (one embed per record), on Mastodon when its URL is in the first part's text and there
 *   are no images (the server makes the card from the text).
 */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'mention'; text: string; handle: string }
  | { kind: 'tag'; text: string; tag: string };

export interface PreviewPart {
  segments: Segment[];
  count: TextCount;
  /** The facets the Bluesky adapter writes for links and tags (mentions wait for their DID). */
  facets: Facet[];
  isComment: boolean;
}

export interface PostPreviewModel {
  parts: PreviewPart[];
  card: LinkCard | null;
  /** Images on the first part. */
  media: Post['media'];
}

/** Splits `text` at the facets' byte ranges; bytes → characters by walking the string once. */
export function segmentsOf(text: string): { segments: Segment[]; facets: Facet[] } {
  const { facets, mentions } = detectFacets(text);
  const ranges = [
    ...facets.map((facet) => ({ start: facet.index.byteStart, end: facet.index.byteEnd, feature: facet.features[0]! })),
    ...mentions.map((m) => ({ start: m.byteStart, end: m.byteEnd, feature: { $type: 'mention', handle: m.handle } as const })),
  ].sort((a, b) => a.start - b.start);
  const bytes = new TextEncoder().encode(text);
  const decode = (from: number, to: number) => new TextDecoder().decode(bytes.subarray(from, to));
  const segments: Segment[] = [];
  let at = 0;
  for (const range of ranges) {
    if (range.start > at) segments.push({ kind: 'text', text: decode(at, range.start) });
    const shown = decode(range.start, range.end);
    const feature = range.feature;
    if (feature.$type === 'app.bsky.richtext.facet#link') segments.push({ kind: 'link', text: shown, href: feature.uri });
    else if (feature.$type === 'app.bsky.richtext.facet#tag') segments.push({ kind: 'tag', text: shown, tag: feature.tag });
    else if (feature.$type === 'mention') segments.push({ kind: 'mention', text: shown, handle: feature.handle });
    at = range.end;
  }
  if (at < utf8Length(text)) segments.push({ kind: 'text', text: decode(at, bytes.length) });
  return { segments, facets };
}

/**
 * Mastodon shows a link without its scheme and cuts it after 30 characters with "…"
 * (app/lib/text_formatter.rb, `link_to_url`: display_url); Bluesky shows the text as written.
 */
export function shownLinkText(network: Account['network'], segment: Extract<Segment, { kind: 'link' }>): string {
  if (network !== 'mastodon') return segment.text;
  const bare = segment.text.replace(/^https?:\/\/(www\.)?/i, '');
  return bare.length > 30 ? `${bare.slice(0, 30)}…` : bare;
}

export function previewFor(post: Post, account: Pick<Account, 'id' | 'network' | 'limits'>): PostPreviewModel {
  const texts = outgoingParts(post, account);
  const comment = outgoingComment(post, account);
  const all = [...texts.map((text) => ({ text, isComment: false })), ...(comment === null ? [] : [{ text: comment, isComment: true }])];
  const parts = all.map(({ text, isComment }) => ({ ...segmentsOf(text), count: countFor(account.network, text, account.limits), isComment }));
  const hasImages = post.media.length > 0;
  const first = parts[0];
  const linkInText = first?.segments.some((s) => s.kind === 'link' && post.link && sameUrl(s.href, post.link.url)) ?? false;
  const card = !post.link || hasImages ? null : account.network === 'bluesky' ? post.link : account.network === 'mastodon' && linkInText ? post.link : null;
  return { parts, card, media: post.media };
}

function sameUrl(a: string, b: string): boolean {
  const strip = (url: string) => url.replace(/[?#].*$/, '').replace(/\/$/, '');
  return strip(a) === strip(b);
}
