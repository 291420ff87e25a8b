import { NetworkError } from '../errors';
import type { ServiceContext } from '../app/background-service';
import { teamIds, type Delivery } from '../model';
import type { TeamGate } from '../publish/deps';
import type { Store } from '../store';
import { createCouch } from './couch';
import { postDocId, teamPostSchema } from './documents';
import { claimDelivery, recordSent, teamDocs, type LeaseDeps } from './lease';

/**
 * The publisher's gate for shared workspaces (issue 23): this browser claims a delivery only if
 * it holds the account (its sign-in is here) and the team server gives it the lease (lease.ts:
 * a PUT with the `_rev`, so one replica of the whole team wins, and only on a scheduled post,
 * which the server holds to approved ones when approval is required). What went out is recorded
 * on the server, so every other browser shows it published and none sends it again.
 *
 * Cut off from the server, a post the last sync saw scheduled is still published: the record key
 * and Idempotency-Key are the delivery's own (derived-keys.ts), so a split brain still makes one post.
 */
export function createTeamGate(
  { store, now }: Pick<ServiceContext, 'store' | 'now'>,
  fetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init),
): TeamGate {
  async function leaseDeps(opened: Store, workspaceId: string): Promise<LeaseDeps | null> {
    const [link, secret] = await opened.team.getMany([teamIds.link(workspaceId), teamIds.secret(workspaceId)]);
    if (!link?.ok || link.value.kind !== 'link' || !secret?.ok || secret.value.kind !== 'secret') return null;
    const couch = createCouch({ url: link.value.url, user: link.value.user, password: secret.value.password, fetch });
    return { docs: teamDocs(couch, link.value.db), holder: link.value.user, replica: link.value.replica, now, token: () => crypto.randomUUID() };
  }

  return {
    async mayClaim(delivery: Delivery) {
      const opened = await store;
      const deps = await leaseDeps(opened, delivery.workspaceId);
      if (!deps) return true;
      const credential = await opened.credentials.get(delivery.accountId);
      if (!credential?.ok) return false; // another member's browser holds this account
      try {
        const outcome = await claimDelivery(deps, delivery.postId, delivery.id);
        return outcome.kind !== 'not-yours';
      } catch (error) {
        if (!(error instanceof NetworkError)) {
          console.warn('Cadence: the team server refused the lease', delivery.id, error);
          return false;
        }
        const mirror = await opened.team.get(teamIds.mirror(delivery.workspaceId, postDocId(delivery.postId)));
        const post = mirror?.ok && mirror.value.kind === 'mirror' ? teamPostSchema.safeParse(mirror.value.doc) : null;
        return post?.success === true && post.data.state === 'scheduled';
      }
    },
    async sent(delivery: Delivery) {
      const opened = await store;
      const deps = await leaseDeps(opened, delivery.workspaceId);
      if (!deps || !delivery.remote) return;
      // Not recorded now (offline): the server's lease expires, and whoever takes it over reconciles and finds this post.
      await recordSent(deps, delivery.postId, delivery.id, delivery.remote.id).catch((error: unknown) =>
        console.warn('Cadence: could not record on the team server', delivery.id, error),
      );
    },
  };
}
