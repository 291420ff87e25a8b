import { DateTime } from 'luxon';
import type { Account } from '../model';
import { toCsv } from './csv';
import { postText, type PublishedPost } from './published';

/** Posts with their newest counts: one row per delivery, one column per count the networks report. */
export function postsCsv(items: PublishedPost[], accounts: Account[], zone: string): string {
  const handle = new Map(accounts.map((a) => [a.id, a.handle]));
  const countKeys = [...new Set(items.flatMap((i) => Object.keys(i.latest?.counts ?? {})))].sort();
  const header = [
    'published (' + zone + ')',
    'network',
    'account',
    'text',
    'url',
    'campaign',
    'pillar',
    'utm campaign',
    'experiment arm',
    ...countKeys,
    'engagement',
    'counts read at',
  ];
  const at = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm');
  const rows = items.map((i) => [
    at(i.delivery.publishedAt),
    i.delivery.network,
    handle.get(i.delivery.accountId) ?? i.delivery.accountId,
    postText(i),
    i.delivery.remote?.url ?? null,
    i.post?.campaign ?? null,
    i.post?.pillar ?? null,
    i.post?.utm.enabled ? i.post.utm.campaign : null,
    i.post?.experiment?.arm ?? null,
    ...countKeys.map((key) => (i.latest ? (i.latest.counts[key] ?? 0) : null)),
    i.latest ? i.engagement : null,
    i.latest ? at(i.latest.takenAt) : null,
  ]);
  return toCsv([header, ...rows]);
}
