import { DEFAULT_LIMITS } from '../compose/network-limits';
import { AuthError, NotFoundError } from '../errors';
import { accountSchema, credentialSchema, newId, type Account, type AccountLimits, type Credential } from '../model';
import type { AccountProfile } from '../networks/types';
import type { Store } from '../store';

export interface Connected {
  workspaceId: string;
  network: 'bluesky' | 'mastodon';
  profile: AccountProfile;
  serverUrl: string;
  limits: AccountLimits | null;
  secret: Credential['secret'];
  /** Reconnecting this account: it must be the same remote account. */
  accountId?: string;
}

/** Bluesky's blob limit for images (lexicon app.bsky.embed.images: maxSize 1000000). */
const BLUESKY_MEDIA = { maxImages: 4, maxImageBytes: 1_000_000 };

/**
 * Writes the account and its credential in one transaction. Connecting an account already in the
 * workspace (same network and remote id) reconnects it instead of adding a twin; its schedule and
 * id stay, its status becomes connected.
 */
export async function saveConnectedAccount(store: Store, input: Connected, now: () => number): Promise<Account> {
  const tx = store.db.transaction(['workspaces', 'accounts', 'credentials'], 'readwrite');
  const fail = async (error: Error) => {
    tx.abort();
    await tx.done.catch(() => undefined); // the abort we just asked for
    throw error;
  };
  if (!(await tx.objectStore('workspaces').get(input.workspaceId))) return fail(new NotFoundError('That workspace no longer exists.'));
  const inWorkspace = (await tx.objectStore('accounts').index('by-workspace').getAll(input.workspaceId)) as Account[];
  const existing = input.accountId
    ? inWorkspace.find((account) => account.id === input.accountId)
    : inWorkspace.find((account) => account.network === input.network && account.remoteId === input.profile.remoteId);
  if (input.accountId && !existing) return fail(new NotFoundError('The account to reconnect no longer exists.'));
  if (existing && existing.remoteId && existing.remoteId !== input.profile.remoteId) {
    return fail(new AuthError(`You signed in as @${input.profile.handle}, but this is @${existing.handle}. Sign in to @${existing.handle} to reconnect it.`));
  }
  const at = now();
  const limits = input.limits ?? { ...DEFAULT_LIMITS[input.network], ...BLUESKY_MEDIA };
  const account = accountSchema.parse({
    v: 1,
    id: existing?.id ?? newId('acct'),
    workspaceId: input.workspaceId,
    network: input.network,
    handle: input.profile.handle,
    displayName: input.profile.displayName,
    avatarUrl: input.profile.avatarUrl && /^https?:/.test(input.profile.avatarUrl) ? input.profile.avatarUrl : null,
    serverUrl: input.serverUrl,
    remoteId: input.profile.remoteId,
    publishMode: 'api',
    status: 'connected',
    statusReason: null,
    limits,
    schedule: existing?.schedule ?? [],
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  });
  const credential = credentialSchema.parse({ v: 1, accountId: account.id, secret: input.secret, updatedAt: at });
  await Promise.all([tx.objectStore('accounts').put(account), tx.objectStore('credentials').put(credential), tx.done]);
  store.feed.publish({ store: 'accounts', keys: [account.id], op: 'put' });
  store.feed.publish({ store: 'credentials', keys: [account.id], op: 'put' });
  return account;
}
