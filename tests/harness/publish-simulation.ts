import { defaultSettings, type Account, type Delivery } from '@/lib/model';
import type { NetworkAdapter } from '@/lib/networks';
import { cancel, publishHeld, retryNow, unschedule } from '@/lib/publish/actions';
import type { ContentLoaders } from '@/lib/publish/build-input';
import { LEASE_MS } from '@/lib/publish/claim';
import { CONTENT_LOADERS } from '@/lib/publish/content-loaders';
import type { Step } from '@/lib/publish/deps';
import { nextDueAt } from '@/lib/publish/next-due';
import { publishDue } from '@/lib/publish/publish-due';
import { newDelivery } from '@/lib/schedule/delivery-rows';
import { validRows, type Store } from '@/lib/store';
import { judge } from './publish-simulation-judge';

/**
 * The kill-at-every-step simulation (docs/architecture.md, decision 5: "the worker can be killed at any
 * instruction"; issue 18, hole 6; issue 17: cancel events at every step). Each run schedules a
 * few posts (some threads, some with an image), then runs rounds of publishers over the same
 * database until every post is settled. Each publisher is a fresh worker with a fresh connection
 * and owner; some rounds start two at once, racing (two alarms, or a new service worker while the
 * old one still runs). The events, each struck at a seeded step of the run:
 * - a kill: at a checkpoint (before a claim, after it, after the answer), as a request leaves
 *   (before it reached the server, or after the server acted and before the answer was read), or
 *   at a store write (before it committed, or right after). A killed worker never writes again;
 * - a cancel: the user presses Unschedule, or unticks the account (cancel), on one post, racing
 *   the publishers for real in its own connection (IndexedDB orders the transactions);
 * - network faults at the fetch layer (offline, 500, 429 with Retry-After, an answer lost after
 *   the server acted); the wall clock jumping hours forward between rounds; and the user pressing
 *   Try again / Publish now hours later on what failed or was held (past Mastodon's key window).
 * The world decides what the network remembers (tests/unit/publish/fake-network.ts, or a real
 * server). The verdict is publish-simulation-judge.ts.
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
  /** An adapter for one worker: `fate` is that worker's fetch layer. */
  adapterFor(account: Account, store: Store, fate: () => Fate, now: () => number): NetworkAdapter;
  /** Texts of the posts this account has on the network. */
  postsOn(account: Account): Promise<string[]>;
}

export interface CancelEvent {
  /** The step it struck at: before-round, a checkpoint, request or write. */
  at: string;
  action: 'unschedule' | 'cancel';
  target: string;
  /** 'won': the delivery was taken back; 'refused': the publisher had it, or it may be out. */
  outcome: 'won' | 'refused' | null;
}

export interface RunResult {
  seed: number;
  killedAt: string | null;
  workers: number;
  /** Rounds in which two publishers ran at once. */
  overlaps: number;
  cancel: CancelEvent | null;
  deliveries: Delivery[];
  duplicates: string[];
  lost: string[];
  /** A taken-back post that is out, or one that ended other than the user's action left it. */
  violations: string[];
}

export interface SimulationOptions {
  start: number;
  faultRate: number;
  /** The user presses Try again / Publish now on what failed or was held, hours later (past Mastodon's key window). */
  userRetries?: number;
  /** Between rounds the wall clock sometimes jumps forward by hours. */
  clockJumps?: boolean;
  /** Some rounds run two publishers at once. */
  overlap?: boolean;
  /** One post is unscheduled or cancelled at one step of the run. */
  cancels?: boolean;
  /** The share of posts with an image (default 0.3). */
  imageRate?: number;
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

/** Where an event can strike. A run counts each kind of step on its own, so every kind is hit often. */
type StepKind = 'round' | 'checkpoint' | 'request' | 'write';

interface Worker {
  dead: boolean;
}

const WRITES = new Set(['put', 'putMany', 'addAbsent', 'delete', 'update']);

/**
 * A store whose every call fails once the worker is dead: a killed process writes nothing. A
 * write asks `onWrite` first: 'before' dies before it commits (IndexedDB drops a transaction
 * whose process died), 'after' dies once it committed, before the caller sees it.
 */
function killable(store: Store, worker: Worker, onWrite: () => 'before' | 'after' | null): Store {
  const guard = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value: unknown = Reflect.get(object, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (worker.dead) return Promise.reject(new Killed());
          const death = WRITES.has(String(key)) ? onWrite() : null;
          if (death === 'before') return Promise.reject(new Killed());
          const result = (value as (...a: unknown[]) => unknown).apply(object, args);
          return death === 'after' ? Promise.resolve(result).then(() => Promise.reject(new Killed())) : result;
        };
      },
    });
  const guarded = Object.fromEntries(
    Object.entries(store).map(([name, part]) => [name, part && typeof part === 'object' && 'update' in part ? guard(part) : part]),
  );
  return { ...store, ...guarded } as Store;
}

/** Images come from a loader that always answers: the simulation is about the network, not image hosts. */
const SIM_LOADERS: ContentLoaders = {
  loadMedia: async (media) => ({ bytes: new Uint8Array(8), mime: media.mime, alt: media.alt, width: 1, height: 1 }),
  loadLink: CONTENT_LOADERS.loadLink,
};

const SETTLED: readonly Delivery['state'][] = ['published', 'failed', 'held', 'draft', 'cancelled'];

export async function simulate(seed: number, world: SimulationWorld, options: SimulationOptions): Promise<RunResult> {
  const rng = seeded(seed);
  const clock = { now: options.start };
  const { setup, texts } = await seedRun(world, rng, options.start, { seed, imageRate: options.imageRate ?? 0.3 });
  setup.close();

  // Each event strikes the index-th step of one kind (if the run has that many).
  const strike = (kinds: StepKind[], span: number) => ({ kind: kinds[Math.floor(rng() * kinds.length)]!, index: Math.floor(rng() * span) });
  const kill = strike(['checkpoint', 'request', 'write'], 8);
  const cancelPlan = options.cancels
    ? {
        ...strike(['round', 'checkpoint', 'request', 'write'], 6),
        target: [...texts.keys()][Math.floor(rng() * texts.size)]!,
        action: rng() < 0.6 ? ('unschedule' as const) : ('cancel' as const),
      }
    : null;
  const counts: Record<StepKind, number> = { round: 0, checkpoint: 0, request: 0, write: 0 };
  let killedAt: string | null = null;
  let cancelEvent: CancelEvent | null = null;
  let cancelDone: Promise<void> = Promise.resolve();

  const takeBack = (at: string) => {
    const event: CancelEvent = { at, action: cancelPlan!.action, target: cancelPlan!.target, outcome: null };
    cancelEvent = event;
    cancelDone = (async () => {
      const panel = await world.openStore();
      try {
        await (event.action === 'unschedule' ? unschedule : cancel)(panel, event.target, clock.now);
        event.outcome = 'won';
      } catch {
        event.outcome = 'refused'; // refused with a reason: the publisher holds it, or it may be out
      } finally {
        panel.close();
      }
    })();
  };
  /** Counts a step; fires the cancel if it strikes here; true when this worker is killed here. */
  const at = (kind: StepKind, label: string, worker: Worker | null): boolean => {
    const n = counts[kind]++;
    if (cancelPlan && !cancelEvent && cancelPlan.kind === kind && cancelPlan.index === n) takeBack(label);
    if (!worker || killedAt !== null || kill.kind !== kind || kill.index !== n) return false;
    killedAt = label;
    worker.dead = true;
    return true;
  };

  const runWorker = async (owner: string) => {
    const worker: Worker = { dead: false };
    const connection = await world.openStore();
    const store = killable(connection, worker, () => {
      if (!at('write', 'write', worker)) return null;
      killedAt = rng() < 0.5 ? 'before-write' : 'after-write';
      return killedAt === 'before-write' ? 'before' : 'after';
    });
    const fate = (): Fate => {
      if (at('request', 'request', worker)) return (killedAt = rng() < 0.5 ? 'kill-before' : 'kill-after') as Fate;
      return rng() < options.faultRate ? FAULTS[Math.floor(rng() * FAULTS.length)]! : 'none';
    };
    try {
      await publishDue({
        store,
        now: () => clock.now,
        owner,
        adapterFor: (account) => world.adapterFor(account, store, fate, () => clock.now),
        notify: async () => undefined,
        random: rng,
        loaders: SIM_LOADERS,
        checkpoint: (step: Step) => {
          if (at('checkpoint', step, worker)) throw new Killed();
        },
      });
    } catch (error) {
      if (!worker.dead) throw error;
    } finally {
      connection.close();
    }
  };

  let workers = 0;
  let overlaps = 0;
  let retriesLeft = options.userRetries ?? 0;
  let deliveries: Delivery[] = [];
  for (let round = 0; round < 60; round++) {
    at('round', 'before-round', null);
    const together = options.overlap && rng() < 0.35 ? 2 : 1;
    if (together > 1) overlaps++;
    // The second starts a little later, so it finds the first one at any point of its work.
    const starts = Array.from({ length: together }, (_, i) => (i === 0 ? 0 : Math.floor(rng() * 400)));
    await Promise.all(
      starts.map(async (turns) => {
        const owner = `worker_${seed}_${++workers}`;
        for (; turns > 0; turns--) await new Promise((done) => setImmediate(done));
        await runWorker(owner);
      }),
    );
    await cancelDone;
    const reader = await world.openStore();
    deliveries = validRows(await reader.deliveries.list());
    const next = await nextDueAt(reader, clock.now);
    reader.close();
    if (deliveries.every((d) => SETTLED.includes(d.state))) {
      const stuck = deliveries.filter((d) => d.state === 'failed' || d.state === 'held');
      if (stuck.length === 0 || retriesLeft-- <= 0) break;
      // Hours later the user looks and presses Try again (failed) or Publish now (held).
      clock.now += 2 * 60 * 60_000 + Math.floor(rng() * 60 * 60_000);
      const panel = await world.openStore();
      for (const d of stuck) await (d.state === 'held' ? publishHeld(panel, d.id, clock.now) : retryNow(panel, d.id, clock.now));
      panel.close();
      continue;
    }
    const jump = options.clockJumps && rng() < 0.15 ? 60 * 60_000 + Math.floor(rng() * 3 * 60 * 60_000) : 0;
    clock.now = Math.max(clock.now + 1000, next ?? clock.now + LEASE_MS + 1) + jump;
  }

  const onNetwork = new Map<string, string[]>();
  for (const account of world.accounts) onNetwork.set(account.id, await world.postsOn(account));
  return { seed, killedAt, workers, overlaps, cancel: cancelEvent, deliveries, ...judge(deliveries, texts, onNetwork, cancelEvent) };
}

/**
 * One to three scheduled posts of one to three parts each, on random accounts of the world, due
 * within three seconds of `start`; a share of them (`imageRate`) carries an image. Returns the open
 * store (the caller closes it) and each delivery's part texts. Draws from `rng` in a fixed order,
 * so a seed gives the same run.
 */
async function seedRun(world: SimulationWorld, rng: () => number, start: number, { seed, imageRate }: { seed: number; imageRate: number }) {
  const setup = await world.openStore();
  await setup.settings.put({ ...defaultSettings(), latePolicy: { mode: 'publish-if-within', withinMinutes: 24 * 60 } });
  const texts = new Map<string, string[]>();
  const count = 1 + Math.floor(rng() * 3);
  for (let i = 0; i < count; i++) {
    const account = world.accounts[Math.floor(rng() * world.accounts.length)]!;
    const parts = Array.from({ length: 1 + Math.floor(rng() * 3) }, (_, p) => `sim ${seed}-${i} part ${p + 1} ${Math.floor(rng() * 1e9).toString(36)}`);
    const hasImage = imageRate > 0 && rng() < imageRate;
    const post = await setup.posts.put({
      v: 1,
      id: `post_${seed}_${i}`,
      workspaceId: account.workspaceId,
      clipId: null,
      text: 'unused shared text',
      variants: [{ accountId: account.id, text: parts[0]!, thread: parts.slice(1) }],
      lang: 'en',
      link: null,
      media: hasImage
        ? [{ id: `media_${seed}_${i}`, src: 'https://images.test/a.png', alt: `chart ${seed}-${i}`, mime: 'image/png', width: 10, height: 10, bytes: null }]
        : [],
      campaign: null,
      pillar: null,
      utm: { enabled: false, medium: 'social', campaign: '' },
      experiment: null,
      evergreenDays: null,
      replyTo: null,
      createdAt: 1,
      updatedAt: 1,
    });
    const delivery = await setup.deliveries.put(
      newDelivery(post.id, account, { state: 'scheduled', dueAt: start + Math.floor(rng() * 3) * 1000 }, start - 60_000),
    );
    texts.set(delivery.id, parts);
  }
  return { setup, texts };
}
