import type { Network } from '../model';

/**
 * The columns of a bulk CSV of posts (issue 22), import and export alike. Where a convention
 * exists they are Buffer's bulk-upload template's as we know it (`Text`, `Image URL`, `Posting Time`
 * as "YYYY-MM-DD HH:MM"; not checked against a Buffer file: README says so); the rest are Cadence's own. Headers are matched without regard to case,
 * spaces or underscores, so "Posting Time", "posting_time" and "postingtime" are one column.
 * `Posting Time` may be split into `Date` and `Time`. Several images are separated by " | ", their
 * alt texts likewise, in the same order.
 */
export const COLUMNS = {
  text: 'Text',
  accounts: 'Accounts',
  postingTime: 'Posting Time',
  date: 'Date',
  time: 'Time',
  imageUrl: 'Image URL',
  altText: 'Alt Text',
  link: 'Link',
  campaign: 'Campaign',
  pillar: 'Pillar',
} as const;

/** Per-network variants: `Text Bluesky`, `Text Mastodon`, … replace `Text` for that network's accounts. */
export const VARIANT_NETWORKS: readonly Network[] = ['bluesky', 'mastodon', 'x', 'linkedin', 'threads', 'facebook'];
export const variantColumn = (network: Network) => `Text ${network[0]!.toUpperCase()}${network.slice(1)}`;

/** Export-only columns: where each post × account stands, and what it did once published. */
export const EXPORT_COLUMNS = [
  'Post ID',
  'Accounts',
  'Network',
  'State',
  'Posting Time',
  'Text',
  'Image URL',
  'Alt Text',
  'Link',
  'Campaign',
  'Pillar',
  'Post URL',
  'Published At',
  'Likes',
  'Reposts',
  'Replies',
  'Quotes',
  'Impressions',
  'Metrics At',
] as const;

export const MULTI_SEPARATOR = ' | ';

/** A header as the importer compares it: lower case, without spaces, underscores or dashes. */
export const headerKey = (header: string) => header.toLowerCase().replace(/[\s_-]+/g, '');
