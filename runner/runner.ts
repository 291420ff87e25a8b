import { AuthError, ValidationError } from '@/lib/errors';
import { type Account, type Credential, type Post } from '@/lib/model';
import { connectBluesky } from '@/lib/networks/bluesky/connect';
import { createAdapter, type NetworkAdapter } from '@/lib/networks';
import type { Couch } from '@/lib/team/couch';
import { postDocId, postOfDoc, teamPostSchema, workspaceOfDb, type TeamPost } from '@/lib/team/documents';
import { teamDocs, type LeaseDeps } from '@/lib/team/lease';
import { publishTeamDelivery, type TeamPublishResult } from '@/lib/team/publish-delivery';
import type { PrivateJwk } from '@/lib/team/sealed';
import { readChanges, type Change, type Seq } from './changes';
import { createCredentialKeeper, type HeldAccount } from './credentials';
import { createTeamSender } from './sender';

/**
 * The runner (issue 23): an ordinary replica of a shared workspace that publishes with every
 * laptop shut. It reads the workspace database's changes, keeps the scheduled posts and the
 * sign-ins handed to it, and publishes each due delivery through lib/team's lease, exactly as a
 * browser does: claim with a compare-and-swap on the post's `_rev`, reconcile what an earlier
 * holder may have sent, send with the delivery's own keys, record what went out.
 *
 * Invariants:
 * - every document read is parsed (lib/team/documents.ts, the post body with postOfDoc, the same
 *   mapping the extension's replicator writes with); one that does not parse is logged and skipped, never published;
 * - it publishes only for accounts whose sign-in was sealed to its own key, and forgets a
 *   sign-in when its document is deleted or no longer opens;
 * - it chooses no key: a runner killed after the network took a post and restarted meets that
 *   post at its record key, and records it instead of posting again.
 */
export interface RunnerDeps {
  couch: Couch;
  db: string;
  /** The runner's CouchDB user: a publisher, the lease holder. */
  user: string;
  runnerId: string;
  /** This process: two processes of one runner are two replicas. */
  replica: string;
  privateJwk: PrivateJwk;
  fetch: typeof fetch;
  now: () => number;
  token: () => string;
  log: (line: string) => void;
  leaseMs?: number;
}

export interface PublishedLine {
  postId: string;
  deliveryId: string;
  result: TeamPublishResult;
}

export function createRunner(deps: RunnerDeps) {
  const { couch, db, now, log } = deps;
  const workspace = workspaceOfDb(db);
  const posts = new Map<string, { post: TeamPost; content: Post }>();
  /** Posts said to be left to a browser, so the log says it once. */
  const leftToBrowsers = new Set<string>();
  const keeper = createCredentialKeeper(deps.runnerId, deps.privateJwk);
  const adapters = new Map<string, NetworkAdapter>();
  let since: Seq = 0;
  const leaseDeps: LeaseDeps = { docs: teamDocs(couch, db), holder: deps.user, replica: deps.replica, now, token: deps.token, leaseMs: deps.leaseMs };

  function parsePost(raw: unknown): { post: TeamPost; content: Post } | string {
    const post = teamPostSchema.safeParse(raw);
    if (!post.success) return post.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    const content = postOfDoc(post.data, workspace);
    if (!content.success) return `body: ${content.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`;
    return { post: post.data, content: content.data };
  }

  async function onChange(change: Change): Promise<void> {
    if (change.id.startsWith('post:')) {
      const postId = change.id.slice('post:'.length);
      if (change.deleted) return void posts.delete(postId);
      const parsed = parsePost(change.doc);
      if (typeof parsed === 'string') {
        posts.delete(postId);
        return log(`skipped ${change.id}: it is not a post Cadence can read (${parsed.slice(0, 300)})`);
      }
      posts.set(postId, parsed);
    } else if (change.id.startsWith('runner-credential:')) {
      const accountId = change.id.slice('runner-credential:'.length);
      adapters.delete(accountId);
      if (change.deleted) {
        if (keeper.purge(accountId)) log(`forgot the sign-in of ${accountId}: it was taken back`);
        return;
      }
      const outcome = await keeper.take(accountId, change.doc);
      if (outcome === 'held')
        log(`holds the sign-in of ${accountId} (${keeper.get(accountId)?.doc.account.handle}), handed over by ${keeper.get(accountId)?.doc.by}`);
      else if (outcome === 'unreadable') log(`skipped ${change.id}: it does not open with this runner's key`);
    }
  }

  /** The runner signs in with the app password it was handed, once per process; the session's refreshed tokens stay in memory with it. */
  async function signIn(held: HeldAccount): Promise<Credential['secret']> {
    if (held.session) return held.session;
    const { secret } = held;
    const { secret: session } = await connectBluesky({ service: secret.service, identifier: secret.identifier, password: secret.appPassword }, deps);
    held.session = session;
    return session;
  }

  function adapterFor(held: HeldAccount): { adapter: NetworkAdapter; account: Account } {
    const account = accountOf(held, now());
    let adapter = adapters.get(account.id);
    if (!adapter) {
      adapter = createAdapter({
        account,
        fetch: deps.fetch,
        now,
        vault: {
          load: () => signIn(held),
          async save(session) {
            if (keeper.get(account.id) === held) held.session = session;
          },
        },
      });
      adapters.set(account.id, adapter);
    }
    return { adapter, account };
  }

  /**
   * Signs in before claiming anything: a runner whose sign-in the network refuses must not hold
   * leases it cannot use, or it would keep the team's browsers from publishing those posts.
   */
  async function isSignedIn(held: HeldAccount): Promise<boolean> {
    if (held.refused) return false;
    try {
      await signIn(held);
      return true;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      if (error instanceof AuthError) {
        held.refused = why;
        log(`cannot sign in as @${held.doc.account.handle}: ${why} It is left to the team's browsers until ${held.doc.by} hands it over again.`);
      } else {
        log(`cannot reach the network of @${held.doc.account.handle} to sign in: ${why}`);
      }
      return false;
    }
  }

  async function loadContent(postId: string): Promise<Post> {
    const parsed = parsePost(await couch.get(db, postDocId(postId)));
    if (typeof parsed === 'string') throw new ValidationError(`post:${postId} can no longer be read: ${parsed}`);
    return parsed.content;
  }

  return {
    accounts: () => keeper.accounts(),
    /** Reads what changed in the workspace since the last read. */
    async sync(): Promise<void> {
      since = await readChanges(couch, db, since, onChange);
    },
    /** Publishes every due delivery this runner holds a sign-in for. */
    async publishDue(): Promise<PublishedLine[]> {
      const done: PublishedLine[] = [];
      for (const [postId, { post, content }] of [...posts]) {
        if (post.state !== 'scheduled') continue;
        if (content.media.length > 0) {
          // Decided before claiming: a lease the runner cannot use would keep the browsers from it.
          if (!leftToBrowsers.has(postId)) log(`left post:${postId} to the team's browsers: it has images, and their bytes are in a member's browser`);
          leftToBrowsers.add(postId);
          continue;
        }
        for (const [deliveryId, delivery] of Object.entries(post.deliveries)) {
          const at = now();
          if (delivery.sent || delivery.dueAt > at || (delivery.lease && delivery.lease.until >= at)) continue;
          const held = keeper.get(delivery.accountId);
          if (!held || delivery.network !== held.doc.account.network || !(await isSignedIn(held))) continue;
          const { adapter, account } = adapterFor(held);
          const sender = createTeamSender({ adapter, account, load: () => loadContent(postId) });
          const onAuthError = () => {
            // The session ended (revoked app password, refused refresh): sign in afresh next round.
            held.session = null;
            adapters.delete(account.id);
          };
          const result = await publishTeamDelivery(leaseDeps, logged(sender, `${postId}/${deliveryId}`, log, onAuthError), postId, deliveryId);
          log(`${postId}/${deliveryId} (${held.doc.account.handle}): ${result}`);
          done.push({ postId, deliveryId, result });
        }
      }
      return done;
    },
  };
}
export type Runner = ReturnType<typeof createRunner>;

/** publishTeamDelivery keeps a failure to itself (the lease expires and is reconciled); the runner's log says why. */
function logged(
  sender: ReturnType<typeof createTeamSender>,
  what: string,
  log: (line: string) => void,
  onAuthError: () => void,
): ReturnType<typeof createTeamSender> {
  const say = (step: string) => (error: unknown) => {
    if (error instanceof AuthError) onAuthError();
    log(`${what}: ${step} failed: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  };
  return {
    send: (delivery) => sender.send(delivery).catch(say('sending')),
    reconcile: (delivery) => sender.reconcile(delivery).catch(say('looking for an earlier send')),
  };
}

/** The account as the adapters take it, from what its credential document says. */
function accountOf(held: HeldAccount, at: number): Account {
  const { account } = held.doc;
  return {
    v: 1,
    id: account.id,
    workspaceId: 'team',
    network: account.network,
    handle: account.handle,
    displayName: account.handle,
    avatarUrl: null,
    serverUrl: null,
    remoteId: null,
    publishMode: 'api',
    status: 'connected',
    statusReason: null,
    limits: { maxCharacters: 300, charactersPerUrl: null, maxImages: 4, maxImageBytes: 1_000_000 },
    schedule: [],
    createdAt: at,
    updatedAt: at,
  };
}
