import type { QuotedPost } from '../../model';
import { absoluteHttpUrl, textOf } from '../dom';
import { ExtractError } from '../extract-error';
import type { Extractor } from '../extractor';
import { parseCount } from './numbers';
import { postClip } from './post-clip';

const ITEM_URL = 'https://news.ycombinator.com/item?id=';

/**
 * A Hacker News item page (`/item?id=…`), from its server-rendered table: `table.fatitem` holds the
 * item (a story's `.titleline` link, `.score`, `.hnuser`, `.age`, its text in `.toptext`; a
 * comment's `.commtext`), and `table.comment-tree` the discussion, whose first top-level comment
 * comes along as `topComment`. HN credits no one: there is no network to mention its users on.
 */
export const hackernewsExtractor: Extractor = {
  id: 'hackernews',
  canExtract: (url) => url.hostname === 'news.ycombinator.com' && url.pathname === '/item' && /^\d+$/.test(url.searchParams.get('id') ?? ''),
  extract(doc, context) {
    const id = context.url.searchParams.get('id') ?? '';
    const base = context.request.pageUrl;
    const item = doc.querySelector('table.fatitem');
    const author = item?.querySelector('.hnuser')?.textContent?.trim();
    if (!item || !author) throw new ExtractError('no fatitem with an author on this page');
    const titleLink = item.querySelector('.titleline > a');
    const link = absoluteHttpUrl(titleLink?.getAttribute('href'), base);
    const counts: Record<string, number> = {};
    const points = parseCount(item.querySelector('.score')?.textContent);
    const comments = [...item.querySelectorAll('.subtext a')].map((a) => a.textContent ?? '').find((words) => /\d+\s*comments?/.test(words));
    if (points !== null) counts.points = points;
    if (comments) counts.comments = parseCount(comments) ?? 0;
    const topComment = firstComment(doc);
    const post = {
      network: 'hackernews' as const,
      authorName: author,
      authorHandle: author,
      postUrl: `${ITEM_URL}${id}`,
      // A story's text (Ask HN) or, on a comment's own page, the comment; a story without text has an empty .toptext.
      text: textOf(item.querySelector('.toptext')) || textOf(item.querySelector('.commtext')),
      media: [],
      postedAt: ageTime(item.querySelector('.age')?.getAttribute('title')),
      counts,
      ...(titleLink ? { title: textOf(titleLink) } : {}),
      // An Ask HN story links to itself.
      ...(link && !link.startsWith(ITEM_URL) ? { linkUrl: link } : {}),
      ...(topComment ? { topComment } : {}),
    };
    return postClip(doc, context, post, null);
  },
};

/** The first top-level comment of the thread (indent 0), or null on an item nobody answered. */
function firstComment(doc: Document): QuotedPost | null {
  for (const row of doc.querySelectorAll('table.comment-tree tr.comtr')) {
    const indent = row.querySelector('td.ind');
    const depth = indent?.getAttribute('indent') ?? indent?.querySelector('img')?.getAttribute('width') ?? '0';
    if (depth !== '0') continue;
    const author = row.querySelector('.hnuser')?.textContent?.trim();
    const text = textOf(row.querySelector('.commtext'));
    if (!author || !text) continue; // a flagged or deleted comment
    return { authorName: author, authorHandle: author, postUrl: /^\d+$/.test(row.id) ? `${ITEM_URL}${row.id}` : null, text };
  }
  return null;
}

/** `.age`'s title: "2025-06-15T12:00:00 1750000000" (UTC, then Unix seconds), or the date alone. */
function ageTime(title: string | null | undefined): number | null {
  const [iso = '', seconds = ''] = (title ?? '').trim().split(/\s+/);
  if (/^\d{9,11}$/.test(seconds)) return Number(seconds) * 1000;
  const ms = Date.parse(/Z|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  return Number.isFinite(ms) ? ms : null;
}
