import { defaultSettings, type Account, type Delivery } from '@/lib/model';
import type { NetworkAdapter } from '@/lib/networks';
import { publishHeld, retryNow, unschedule } from '@/lib/publish/actions';
import type { ContentLoaders } from '@/lib/publish/build-input';
import { LEASE_MS } from '@/lib/publish/claim';
import { CONTENT_LOADERS } from '@/lib/publish/content-loaders';
import type { Step } from '@/lib/publish/deps';
import { nextDueAt } from '@/lib/publish/next-due';
import { publishDue } from '@/lib/publish/publish-due';
import { newDelivery } from '@/lib/schedule/delivery-rows';
import { validRows, type Store } from '@/lib/store';

/**
 * The kill-at-every-step simulation (DESIGN.md §5: "the worker can be killed at any
 * instruction"). Each run schedules a few posts (some threads), then runs publishers one after
 * another over the same database, each a fresh worker with a fresh connection and owner. One
 * worker is killed at a chosen step — before a claim, after it, before a request left, after the
 * server stored it but before the answer was read, after the answer but before the state write —
 * and network faults are injected at the fetch layer. A killed worker never writes again.
 * At the end every post is on the network exactly once, or failed with a reason and never
 * duplicated.
 */
export class Killed extends Error {
  constructor() {
    super('the worker was killed');
  }
}

/** What happens to one request at the fetch layer. */
export type Fate = 'none' | 'offline' | '500' | '429' | 'timeout' | 'kill-before' | 'kill-after';

export interface SimulationWorld {
  /** A fresh connection to this run's database. */
  openStore(): Promise<Store>;
  /** The accounts to post from, already stored with their credentials. */
  accounts: Account[];
  adapterFor(account: Account, store: Store, fate: () => Fate, now: () => number): NetworkAdapter;
  /** Texts of the posts this account has on the network. */
  postsOn(account: Account): Promise<string[]>;
}

export interface RunResult {
  seed: number;
  killedAt: string | null;
  workers: number;
  deliveries: Delivery[];
  duplicates: string[];
  lost: string[];
}

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

const FAULTS: Fate[] = ['offline', '500', '429', 'timeout'];

/** A store whose every call fails once the worker is dead: a killed process writes nothing. */
function killable(store: Store, isDead: () => boolean): Store {
  const guard = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value: unknown = Reflect.get(object, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (isDead()) return Promise.reject(new Killed());
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  return { ...store, deliveries: guard(store.deliveries), accounts: guard(store.accounts), posts: guard(store.posts), settings: guard(store.settings), credentials: guard(store.credentials) };
}

/** Images come from a loader that always answers: the simulation is about the network, not image hosts. */
const SIM_LOADERS: ContentLoaders = {
  loadMedia: async (media) => ({ bytes: new Uint8Array(8), mime: media.mime, alt: media.alt, width: 1, height: 1 }),
  loadLink: CONTENT_LOADERS.loadLink,
};

export interface SimulationOptions {
  start: number;
  faultRate: number;
  /** The user presses Try again / Publish now on what failed or was held, hours later (past Mastodon's key window). */
  userRetries?: number;
  /** Between workers the wall clock sometimes jumps forward by hours. */
  clockJumps?: boolean;
}

export async function simulate(seed: number, world: SimulationWorld, options: SimulationOptions): Promise<RunResult> {
  const rng = seeded(seed);
  const clock = { now: options.start };
  const { setup, texts } = await seedRun(world, rng, options.start, { seed, idPrefix: '', label: 'sim', imageRate: 0.3 });
  setup.close();

  // The k-th step of the whole run is where the worker dies (if the run has that many steps).
  const killAt = Math.floor(rng() * 14);
  let steps = 0;
  let dead = false;
  let killedAt: string | null = null;
  const step = (what: string): 'kill' | 'go' => {
    if (killedAt === null && steps++ === killAt) {
      killedAt = what;
      dead = true;
      return 'kill';
    }
    return 'go';
  };
  const fate = (): Fate => {
    if (step('request') === 'kill') {
      const fate = rng() < 0.5 ? 'kill-before' : 'kill-after';
      killedAt = fate;
      return fate;
    }
    return rng() < options.faultRate ? FAULTS[Math.floor(rng() * FAULTS.length)]! : 'none';
  };

  let workers = 0;
  let retriesLeft = options.userRetries ?? 0;
  let deliveries: Delivery[] = [];
  for (; workers < 60; ) {
    workers++;
    const connection = await world.openStore();
    const store = killable(connection, () => dead);
    try {
      await publishDue({
        store,
        now: () => clock.now,
        owner: `worker_${seed}_${workers}`,
        adapterFor: (account) => world.adapterFor(account, store, fate, () => clock.now),
        notify: async () => undefined,
        random: rng,
        loaders: SIM_LOADERS,
        checkpoint: (at: Step) => {
          if (step(at) === 'kill') throw new Killed();
        },
      });
    } catch (error) {
      if (!dead) throw error;
    }
    dead = false;
    deliveries = validRows(await connection.deliveries.list());
    const next = await nextDueAt(connection, clock.now);
    connection.close();
    if (deliveries.every((d) => d.state === 'published' || d.state === 'failed' || d.state === 'held')) {
      const stuck = deliveries.filter((d) => d.state === 'failed' || d.state === 'held');
      if (stuck.length === 0 || retriesLeft-- <= 0) break;
      // Hours later the user looks and presses Try again (failed) or Publish now (held).
      clock.now += 2 * 60 * 60_000 + Math.floor(rng() * 60 * 60_000);
      const writer = await world.openStore();
      for (const d of stuck) await (d.state === 'held' ? publishHeld(writer, d.id, clock.now) : retryNow(writer, d.id, clock.now));
      writer.close();
      continue;
    }
    const jump = options.clockJumps && rng() < 0.15 ? 60 * 60_000 + Math.floor(rng() * 3 * 60 * 60_000) : 0;
    clock.now = Math.max(clock.now + 1000, next ?? clock.now + LEASE_MS + 1) + jump;
  }

  const duplicates: string[] = [];
  const lost: string[] = [];
  const onNetwork = new Map<string, string[]>();
  for (const account of world.accounts) onNetwork.set(account.id, await world.postsOn(account));
  for (const delivery of deliveries) {
    const posted = onNetwork.get(delivery.accountId) ?? [];
    const parts = texts.get(delivery.id) ?? [];
    for (const text of parts) {
      const copies = posted.filter((p) => p === text).length;
      if (copies > 1) duplicates.push(`${delivery.id}: "${text}" ×${copies}`);
      if (copies === 0 && delivery.state === 'published') lost.push(`${delivery.id}: "${text}" marked published, not on the network`);
    }
    if (delivery.state === 'published' && delivery.parts.length !== parts.length) lost.push(`${delivery.id}: ${delivery.parts.length}/${parts.length} parts recorded`);
    const sent = delivery.sent?.parts.map((part) => part.text) ?? [];
    if (delivery.state === 'published' && JSON.stringify(sent) !== JSON.stringify(parts)) lost.push(`${delivery.id}: recorded as sent ${JSON.stringify(sent)}, not what went out`);
    if (delivery.state === 'failed' && !delivery.lastError?.message) lost.push(`${delivery.id}: failed without a reason`);
    if (!['published', 'failed'].includes(delivery.state)) lost.push(`${delivery.id}: ended ${delivery.state} (${delivery.lastError?.message ?? 'no reason'})`);
  }
  return { seed, killedAt, workers, deliveries, duplicates, lost };
}

/* ─── Cancel events (issue 17) ───────────────────────────────────────────────────────────────
 * A separate event kind from the kills above: the user presses "Unschedule" on one post at one
 * step of the run (before the first worker, at a checkpoint, as a request leaves), racing the
 * publisher for real: the unschedule starts in its own connection while the publisher goes on,
 * and IndexedDB orders the two transactions. Either the unschedule won (the post is a draft and
 * no part of it is on the network) or it was refused (the post ends published, failed or held,
 * and is shown so), never a draft that is out, never a published post that was cancelled.
 */
export interface CancelRunResult {
  seed: number;
  cancelledAt: string | null;
  /** 'won': the delivery went back to drafts; 'refused': the publisher had it. */
  outcome: 'won' | 'refused' | null;
  violations: string[];
}

export async function simulateCancel(seed: number, world: SimulationWorld, options: { start: number; faultRate: number }): Promise<CancelRunResult> {
  const rng = seeded(seed * 7919);
  const clock = { now: options.start };
  const { setup, texts } = await seedRun(world, rng, options.start, { seed, idPrefix: 'c', label: 'cancel', imageRate: 0 });
  const target = [...texts.keys()][Math.floor(rng() * texts.size)]!;
  setup.close();

  const cancelAt = Math.floor(rng() * 12);
  let steps = 0;
  let cancelledAt: string | null = null;
  let outcome: Promise<'won' | 'refused'> | null = null;
  const maybeCancel = (what: string) => {
    if (cancelledAt !== null || steps++ !== cancelAt) return;
    cancelledAt = what;
    outcome = (async () => {
      const panel = await world.openStore();
      try {
        await unschedule(panel, target, clock.now);
        return 'won' as const;
      } catch {
        return 'refused' as const; // refused with a reason: the publisher holds it, or it is out
      } finally {
        panel.close();
      }
    })();
  };
  const fate = (): Fate => {
    maybeCancel('request');
    return rng() < options.faultRate ? FAULTS[Math.floor(rng() * FAULTS.length)]! : 'none';
  };

  let deliveries: Delivery[] = [];
  for (let workers = 1; workers <= 60; workers++) {
    maybeCancel('before-worker');
    const store = await world.openStore();
    await publishDue({
      store,
      now: () => clock.now,
      owner: `worker_c${seed}_${workers}`,
      adapterFor: (account) => world.adapterFor(account, store, fate, () => clock.now),
      notify: async () => undefined,
      random: rng,
      loaders: CONTENT_LOADERS,
      checkpoint: (at: Step) => maybeCancel(at),
    });
    await outcome;
    deliveries = validRows(await store.deliveries.list());
    const next = await nextDueAt(store, clock.now);
    store.close();
    if (deliveries.every((d) => ['published', 'failed', 'held', 'draft'].includes(d.state))) break;
    clock.now = Math.max(clock.now + 1000, next ?? clock.now + LEASE_MS + 1);
  }

  const result = outcome === null ? null : await (outcome as Promise<'won' | 'refused'>);
  const violations: string[] = [];
  for (const delivery of deliveries) {
    const posted = await world.postsOn(world.accounts.find((a) => a.id === delivery.accountId)!);
    const out = (texts.get(delivery.id) ?? []).filter((text) => posted.includes(text));
    if (delivery.state === 'draft' && out.length > 0) violations.push(`${delivery.id}: unscheduled, yet ${out.length} part(s) are on the network`);
    if (delivery.id === target && result === 'won' && delivery.state !== 'draft') violations.push(`${delivery.id}: unscheduled, then ended ${delivery.state}`);
    if (delivery.id === target && result === 'refused' && delivery.state === 'draft') violations.push(`${delivery.id}: the unschedule was refused, yet it is a draft`);
    if (delivery.state === 'published' && out.length !== (texts.get(delivery.id) ?? []).length) violations.push(`${delivery.id}: published, ${out.length} part(s) on the network`);
    if (delivery.id !== target && delivery.state === 'draft') violations.push(`${delivery.id}: never unscheduled, ended a draft`);
  }
  return { seed, cancelledAt, outcome: result, violations };
}

/**
 * One to three scheduled posts of one to three parts each, on random accounts of the world, due
 * within three seconds of `start`; a share of them (`imageRate`) carries an image. Returns the open
 * store (the caller closes it) and each delivery's part texts. Draws from `rng` in a fixed order,
 * so a seed gives the same run.
 */
async function seedRun(world: SimulationWorld, rng: () => number, start: number, { seed, idPrefix, label, imageRate }: { seed: number; idPrefix: string; label: string; imageRate: number }) {
  const setup = await world.openStore();
  await setup.settings.put({ ...defaultSettings(), latePolicy: { mode: 'publish-if-within', withinMinutes: 24 * 60 } });
  const texts = new Map<string, string[]>();
  const count = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < count; i++) {
    const account = world.accounts[Math.floor(rng() * world.accounts.length)]!;
    const parts = Array.from({ length: 1 + Math.floor(rng() * 3) }, (_, p) => `${label} ${seed}-${i} part ${p + 1} ${Math.floor(rng() * 1e9).toString(36)}`);
    const hasImage = imageRate > 0 && rng() < imageRate;
    const post = await setup.posts.put({
      v: 1, id: `post_${idPrefix}${seed}_${i}`, workspaceId: account.workspaceId, clipId: null, text: 'unused shared text',
      variants: [{ accountId: account.id, text: parts[0]!, thread: parts.slice(1) }], lang: 'en', link: null,
      media: hasImage ? [{ id: `media_${seed}_${i}`, src: 'https://images.test/a.png', alt: `chart ${seed}-${i}`, mime: 'image/png', width: 10, height: 10, bytes: null }] : [],
      campaign: null, pillar: null, utm: { enabled: false, medium: 'social', campaign: '' }, experiment: null, evergreenDays: null, replyTo: null, createdAt: 1, updatedAt: 1,
    });
    const delivery = await setup.deliveries.put(newDelivery(post.id, account, { state: 'scheduled', dueAt: start + Math.floor(rng() * 3) * 1000 }, start - 60_000));
    texts.set(delivery.id, parts);
  }
  return { setup, texts };
}
