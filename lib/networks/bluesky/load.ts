import type { AdapterDeps, NetworkAdapter } from '../types';

/**
 * The Bluesky client, loaded on first use (issue 20). Invariant: nothing the background reaches
 * at start-up imports @atproto/api statically, only through `loadBluesky`: its lexicons are most
 * of background.js, and building them (new Lexicons walks every schema) was most of a cold start.
 *
 * A service worker may not fetch a module with import() (HTML spec; Chrome rejects it), and it
 * does not here: the background is one IIFE file, so the bundler inlines this import and only
 * defers the module's evaluation to the first call. Pages and tests load it as usual.
 */
let loading: Promise<typeof import('./index')> | null = null;

export function loadBluesky(): Promise<typeof import('./index')> {
  if (!loading) {
    loading = import('./index');
    // A load that failed is tried again at the next call, not remembered.
    loading.catch(() => (loading = null));
  }
  return loading;
}

/** The adapter of ./index.ts behind the same contract, built when its first method is called. */
export function createLazyBlueskyAdapter(deps: AdapterDeps): NetworkAdapter {
  let adapter: Promise<NetworkAdapter> | null = null;
  const real = () => (adapter ??= loadBluesky().then((module) => module.createBlueskyAdapter(deps)));
  return {
    network: 'bluesky',
    limits: async () => (await real()).limits(),
    publish: async (input) => (await real()).publish(input),
    reconcile: async (input) => (await real()).reconcile(input),
    remove: async (ref) => (await real()).remove(ref),
    like: async (ref) => (await real()).like(ref),
    repost: async (ref) => (await real()).repost(ref),
    notifications: async (cursor) => (await real()).notifications(cursor),
    markSeen: async (upTo) => (await real()).markSeen(upTo),
    thread: async (ref) => (await real()).thread(ref),
    search: async (query, cursor) => (await real()).search(query, cursor),
    metrics: async (refs) => (await real()).metrics(refs),
    profile: async () => (await real()).profile(),
  };
}
