import { NetworkError, RateLimitedError } from '@/lib/errors';
import type { Account } from '@/lib/model';
import type { NetworkAdapter, PublishInput, RemoteRef } from '@/lib/networks';
import { threadRkey } from '@/lib/networks/tid';

/**
 * An in-memory network with the semantics the publisher relies on (lib/networks/types.ts):
 * a second create with the same Bluesky rkey makes no second record; the same Mastodon
 * Idempotency-Key answers with the same status for up to one hour only, as Mastodon does (and
 * not at all with `ignoreKeys`: a server or proxy that drops the header); Mastodon's reconcile
 * finds posts by their content (text, image alt texts, what they answer), never by key; a
 * hand-off (`scheduledAt`) is held under a scheduled id with no URL until `runScheduler`
 * publishes it under a new status id, as Mastodon does. Faults are injected at its "fetch layer":
 * each request asks `fault()` (or its adapter's own) what happens to it.
 */
export type Fault =
  | 'none'
  | 'offline' // never reached the server
  | '500' // the server refused it
  | '429' // rate limited, Retry-After
  | 'timeout' // reached the server and was stored, the answer was lost
  | 'kill-before' // the worker died before the request left
  | 'kill-after'; // the server stored it, the worker died before reading the answer

export interface StoredRecord {
  key: string;
  accountId: string;
  text: string;
  index: number;
  scheduledAt: number | null;
  /** When the server's scheduler published this hand-off (null: held, or not a hand-off). */
  publishedAt: number | null;
  createdAt: number;
  alts: string[];
  /** The ref id of the part this one answers (thread parts, and a first comment: part 0), or null. */
  parentId: string | null;
}

/**
 * Mastodon keeps an Idempotency-Key "for up to 1 hour" (docs.joinmastodon.org/methods/statuses,
 * POST /api/v1/statuses): PostStatusService stores it in Redis with a one-hour expiry, and Redis
 * may drop it sooner. `keyLifetimeMs` draws each key's own life, at most this.
 */
export const KEY_WINDOW_MS = 60 * 60_000;

export class Killed extends Error {
  constructor() {
    super('the worker was killed');
  }
}

export interface FakeNetworkOptions {
  now: () => number;
  fault?: (request: { key: string; kind: 'create' | 'reconcile' }) => Fault;
  kill?: () => never;
  retryAfterMs?: number;
  /** Mastodon after its idempotency window: reconcile cannot say "not there" for sure. */
  certain?: boolean;
  /** A server that ignores Idempotency-Key: every Mastodon create makes a new status. */
  ignoreKeys?: boolean;
  /** How long this server keeps the key of a status it just made (capped at KEY_WINDOW_MS). */
  keyLifetimeMs?: () => number;
  /** Awaited on a request's way to the server and on its answer's way back (none: at once). */
  latency?: () => Promise<void>;
}

export function createFakeNetwork(options: FakeNetworkOptions) {
  const records = new Map<string, StoredRecord>();
  const requests: { key: string; kind: string; fault: Fault }[] = [];
  const keys = new Map<string, { id: string; until: number }>();
  let copies = 0;
  const removed: RemoteRef[] = [];
  const kill =
    options.kill ??
    (() => {
      throw new Killed();
    });
  const isHeld = (record: StoredRecord | undefined) => !!record && record.scheduledAt !== null && record.publishedAt === null;
  const refOf = (account: Account, key: string): RemoteRef => {
    if (isHeld(records.get(key))) return { id: `scheduled-${key}`, url: '', cid: null };
    return account.network === 'bluesky'
      ? { id: `at://${account.id}/app.bsky.feed.post/${key}`, url: `https://bsky.test/${key}`, cid: `cid-${key}` }
      : { id: `status-${key}`, url: `https://masto.test/${key}`, cid: null };
  };
  const keyOf = (account: Account, input: Pick<PublishInput, 'rkey' | 'idempotencyKey'>, index: number) =>
    account.network === 'bluesky' ? `${account.id}/${threadRkey(input.rkey!, index)}` : `${account.id}/${input.idempotencyKey}:${index}`;

  type FaultOf = NonNullable<FakeNetworkOptions['fault']>;
  const transport = async (faultOf: FaultOf | undefined, key: string, kind: 'create' | 'reconcile', apply: () => void) => {
    const fault = faultOf?.({ key, kind }) ?? 'none';
    requests.push({ key, kind, fault });
    if (fault === 'kill-before') kill();
    if (fault === 'offline') throw new NetworkError('Failed to fetch (offline)');
    if (fault === '500') throw new NetworkError('The server answered 500', 500);
    if (fault === '429') throw new RateLimitedError('Too many requests', options.now() + (options.retryAfterMs ?? 60_000));
    await options.latency?.(); // on the way to the server: another worker may act meanwhile
    apply();
    await options.latency?.(); // the answer on its way back
    if (fault === 'timeout') throw new NetworkError('The request timed out');
    if (fault === 'kill-after') kill();
  };

  /** Stores part `index`, or answers with the status its key made within the hour; returns the record's id. */
  const create = (account: Account, key: string, index: number, input: PublishInput, parentId: string | null): string => {
    const seen = keys.get(key);
    const isRemembered = account.network === 'bluesky' ? records.has(key) : !options.ignoreKeys && !!seen && options.now() < seen.until;
    if (isRemembered) return seen?.id ?? key;
    const id = records.has(key) ? `${key}#${++copies}` : key;
    const part = input.parts[index]!;
    records.set(id, {
      key: id,
      accountId: account.id,
      text: part.text,
      index,
      scheduledAt: input.scheduledAt,
      publishedAt: null,
      createdAt: options.now(),
      alts: part.media.map((m) => m.alt),
      parentId,
    });
    keys.set(key, { id, until: options.now() + Math.min(KEY_WINDOW_MS, options.keyLifetimeMs?.() ?? KEY_WINDOW_MS) });
    return id;
  };

  /** Mastodon: the statuses of this account that look like the parts, in order, found by content. */
  const findByContent = (account: Account, input: Pick<PublishInput, 'parts'> & { since: number }): string[] => {
    const found: string[] = [];
    for (let index = 0; index < input.parts.length; index++) {
      const part = input.parts[index]!;
      const parent = index === 0 ? null : refOf(account, found[part.isComment ? 0 : index - 1]!).id;
      const match = [...records.values()].find(
        (r) =>
          r.accountId === account.id &&
          Math.max(r.createdAt, r.scheduledAt ?? 0) >= input.since - 5 * 60_000 &&
          r.text === part.text &&
          JSON.stringify(r.alts) === JSON.stringify(part.media.map((m) => m.alt)) &&
          (index === 0 || r.parentId === parent),
      );
      if (!match) break;
      found.push(match.key);
    }
    return found;
  };

  /** `fault`: this adapter's own fetch layer (a worker of its own), instead of the network's. */
  const adapterFor = (account: Account, fault: FaultOf | undefined = options.fault): NetworkAdapter => {
    const unused = (what: string) => async () => {
      throw new Error(`fake network: ${what} is not part of publishing`);
    };
    return {
      network: account.network,
      limits: async () => account.limits,
      async publish(input) {
        if (account.network === 'bluesky' && !input.rkey) throw new Error('a Bluesky publish without an rkey');
        const parts = [...input.done];
        for (let index = input.done.length; index < input.parts.length; index++) {
          const key = keyOf(account, input, index);
          let id = key;
          await input.beforeRequest?.(); // as the real adapters do: the publisher renews its lease, or stops
          await transport(fault, key, 'create', () => {
            id = create(account, key, index, input, parts[input.parts[index]!.isComment ? 0 : index - 1]?.id ?? null);
          });
          const ref = refOf(account, id);
          parts.push(ref);
          await input.onPart?.(index, ref);
        }
        return { parts, serverScheduled: input.scheduledAt !== null };
      },
      async reconcile(input) {
        const found: RemoteRef[] = [];
        let ids: string[] = [];
        await input.beforeRequest?.();
        await transport(fault, `${account.id}/reconcile`, 'reconcile', () => {
          ids =
            account.network === 'bluesky'
              ? input.parts.map((_, index) => keyOf(account, input, index)).filter((key, index, all) => all.slice(0, index + 1).every((k) => records.has(k)))
              : findByContent(account, input);
        });
        for (const key of ids) {
          if (isHeld(records.get(key))) return { parts: [refOf(account, key)], certain: true, serverScheduled: true };
          found.push(refOf(account, key));
        }
        const first = ids[0] === undefined ? undefined : records.get(ids[0]);
        const publishedAt = first?.publishedAt ? { publishedAt: first.publishedAt } : {};
        return { parts: found, certain: options.certain ?? true, ...publishedAt };
      },
      async remove(ref) {
        removed.push(ref);
        for (const [key, record] of records) if (refOf({ ...account, id: record.accountId }, key).id === ref.id) records.delete(key);
      },
      like: unused('like'),
      repost: unused('repost'),
      notifications: unused('notifications'),
      markSeen: unused('markSeen'),
      thread: unused('thread'),
      search: unused('search'),
      metrics: unused('metrics'),
      profile: unused('profile'),
    };
  };
  /** The server's scheduler, run at `at`: publishes the hand-offs due by then, each under a new status id. */
  const runScheduler = (at: number) => {
    for (const record of records.values()) if (isHeld(record) && record.scheduledAt! <= at) record.publishedAt = at;
  };
  return { records, requests, removed, adapterFor, runScheduler };
}

/** A seeded PRNG (mulberry32): the same seed gives the same run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
