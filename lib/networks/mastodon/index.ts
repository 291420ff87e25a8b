import type { AdapterDeps } from '../types';
import type { NetworkAdapter } from '../types';
import { toProfile } from './convert';
import { edit } from './edit';
import { favourite, markSeen, notifications, search, thread } from './inbox';
import { metrics } from './metrics';
import { readLimits } from './limits';
import { publish, remove } from './publish';
import { reconcile } from './reconcile';
import { createSession, type MastodonOptions } from './session';

/** The Mastodon adapter for any server: a small typed client over deps.fetch (docs/architecture.md, decision 7). */
export function createMastodonAdapter(deps: AdapterDeps, options: MastodonOptions = {}): NetworkAdapter {
  const session = createSession(deps, options);
  return {
    network: 'mastodon',
    limits: async () => readLimits(await session.http()),
    publish: (input) => publish(session, input),
    reconcile: (input) => reconcile(session, input),
    remove: (ref) => remove(session, ref),
    edit: (ref, text) => edit(session, ref, text),
    like: (ref) => favourite(session, ref, 'favourite'),
    repost: (ref) => favourite(session, ref, 'reblog'),
    notifications: (cursor) => notifications(session, cursor),
    markSeen: ({ remoteId }) => markSeen(session, remoteId),
    thread: (ref) => thread(session, ref),
    search: (query, cursor) => search(session, query, cursor),
    metrics: (refs) => metrics(session, refs),
    profile: async () => toProfile(await session.verifyCredentials(), (await session.http()).server),
  };
}

export type { MastodonOptions } from './session';
