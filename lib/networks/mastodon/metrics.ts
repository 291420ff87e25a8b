import type { RemoteRef } from '../types';
import { statusCounts } from './convert';
import { call, hostOf, isNotFound } from './http';
import { parseAs, statusSchema, type MastodonStatus } from './schemas';
import type { MastodonSession } from './session';

/**
 * Counts of our published posts for the metrics collector: favourites, boosts, replies and (4.5)
 * quotes. Mastodon 4.3 takes `id[]` (up to 20) in GET /api/v1/statuses; older servers answer 404
 * there, and then each status is read on its own.
 */
const METRICS_BATCH = 20;

export async function metrics(session: MastodonSession, refs: RemoteRef[]): Promise<Map<string, Record<string, number>>> {
  const http = await session.http();
  const host = hostOf(http.server);
  const result = new Map<string, Record<string, number>>();
  const ids = [...new Set(refs.map((ref) => ref.id))];
  let hasBatch = true;
  for (let start = 0; start < ids.length; start += METRICS_BATCH) {
    const batch = ids.slice(start, start + METRICS_BATCH);
    const statuses: MastodonStatus[] | null = hasBatch ? await batchOf(batch) : null;
    // Asked once per collection: the rest of the batches go one at a time straight away.
    hasBatch = statuses !== null;
    for (const status of statuses ?? (await oneByOne(batch))) result.set(status.id, statusCounts(status));
  }
  return result;

  /** Null when the server has no batch endpoint: it answers 200 (maybe []) for any ids, so 404 means missing. */
  async function batchOf(batch: string[]): Promise<MastodonStatus[] | null> {
    try {
      const { body } = await call(http, { path: '/api/v1/statuses', query: { 'id[]': batch } });
      return parseAs(statusSchema.array(), body, host, 'post counts');
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async function oneByOne(batch: string[]): Promise<MastodonStatus[]> {
    const statuses: MastodonStatus[] = [];
    for (const id of batch) {
      try {
        const { body } = await call(http, { path: `/api/v1/statuses/${encodeURIComponent(id)}` });
        statuses.push(parseAs(statusSchema, body, host, 'post counts'));
      } catch (error) {
        // A deleted post has no counts; the others still do.
        if (!isNotFound(error)) throw error;
      }
    }
    return statuses;
  }
}
