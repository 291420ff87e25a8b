import type { Account, Post, Settings } from '@/lib/model';
import { defaultSettings } from '@/lib/model';
import { CONTENT_LOADERS } from '@/lib/publish/content-loaders';
import type { Note, PublisherDeps } from '@/lib/publish/deps';
import { newDelivery } from '@/lib/schedule/delivery-rows';
import type { Store } from '@/lib/store';
import { makeAccount, makePost, makeWorkspace } from '../factories';
import { createFakeNetwork, type FakeNetworkOptions } from './fake-network';

/** 09:00 in Berlin on Monday 24 March 2025. */
export const T0 = Date.parse('2025-03-24T08:00:00Z');

export interface World {
  store: Store;
  clock: { now: number };
  notes: Note[];
  network: ReturnType<typeof createFakeNetwork>;
  deps(overrides?: Partial<PublisherDeps>): PublisherDeps;
}

export async function makeWorld(store: Store, options: Partial<FakeNetworkOptions> & { settings?: Partial<Settings> } = {}): Promise<World> {
  const clock = { now: T0 };
  const notes: Note[] = [];
  await store.workspaces.put(makeWorkspace({ id: 'ws_1', timeZone: 'Europe/Berlin' }));
  await store.settings.put({ ...defaultSettings(), activeWorkspaceId: 'ws_1', ...options.settings });
  const network = createFakeNetwork({ now: () => clock.now, ...options });
  let workers = 0;
  return {
    store,
    clock,
    notes,
    network,
    deps: (overrides = {}) => ({
      store,
      now: () => clock.now,
      owner: `worker_${++workers}`,
      adapterFor: network.adapterFor,
      notify: async (note) => void notes.push(note),
      random: () => 0.5,
      loaders: CONTENT_LOADERS,
      ...overrides,
    }),
  };
}

export async function addAccount(store: Store, overrides: Partial<Account> = {}): Promise<Account> {
  return store.accounts.put(makeAccount({ workspaceId: 'ws_1', ...overrides }));
}

/** A post and its scheduled delivery for `account`, due at `dueAt`. */
export async function schedule(store: Store, account: Account, dueAt: number, post: Partial<Post> = {}) {
  const saved = await store.posts.put(makePost({ workspaceId: 'ws_1', ...post }));
  return store.deliveries.put(newDelivery(saved.id, account, { state: 'scheduled', dueAt }, T0 - 3_600_000));
}

export async function reload(store: Store, id: string) {
  const row = await store.deliveries.get(id);
  if (!row?.ok) throw new Error(`delivery ${id} is gone or damaged`);
  return row.value;
}
