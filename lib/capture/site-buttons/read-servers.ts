import { ValidationError } from '../../errors';
import { MASTODON_READ_SERVERS_ID, mastodonReadServersSchema, type Account } from '../../model';
import { validRows, type Store } from '../../store';

/**
 * Where the site script runs besides the supported sites: the servers of connected Mastodon
 * accounts, and the servers the user reads without an account there (Settings, kept in `meta`
 * like the Mastodon app registrations, written through store.db with its own schema).
 */

/** The origins the user added; an unreadable row is an error, never read as "none" (it would unregister them all). */
export async function readServerOrigins(store: Store): Promise<string[]> {
  const raw: unknown = await store.db.get('meta', MASTODON_READ_SERVERS_ID);
  if (raw === undefined) return [];
  const row = mastodonReadServersSchema.safeParse(raw);
  if (!row.success) throw new ValidationError('The list of Mastodon servers you read could not be read; it was kept as it was.');
  return row.data.origins;
}

/** Adds or removes one origin in one transaction; says whether the list changed. */
export async function changeReadServers(store: Store, change: { add?: string; remove?: string }, now: () => number): Promise<boolean> {
  const tx = store.db.transaction('meta', 'readwrite');
  const raw: unknown = await tx.store.get(MASTODON_READ_SERVERS_ID);
  const current = raw === undefined ? { success: true as const, data: { origins: [] as string[] } } : mastodonReadServersSchema.safeParse(raw);
  if (!current.success) {
    tx.abort();
    await tx.done.catch(() => undefined); // the abort we just asked for
    throw new ValidationError('The list of Mastodon servers you read could not be read; it was kept as it was.');
  }
  const origins = current.data.origins.filter((origin) => origin !== change.remove);
  if (change.add && !origins.includes(change.add)) origins.push(change.add);
  const changed = origins.length !== current.data.origins.length || origins.some((origin, index) => origin !== current.data.origins[index]);
  if (changed) await tx.store.put(mastodonReadServersSchema.parse({ v: 1, id: MASTODON_READ_SERVERS_ID, origins, updatedAt: now() }));
  await tx.done;
  if (changed) store.feed.publish({ store: 'meta', keys: [MASTODON_READ_SERVERS_ID], op: 'put' });
  return changed;
}

/** Connected Mastodon accounts, every workspace's: the site script is browser-wide. */
export async function mastodonAccounts(store: Store): Promise<Account[]> {
  return validRows(await store.accounts.list()).filter((account) => account.network === 'mastodon' && account.status === 'connected');
}

/** The origin of an account's server (normalised at connect), or null if its row holds no address. */
export function accountOrigin(account: Account): string | null {
  try {
    return new URL(account.serverUrl ?? '').origin;
  } catch {
    return null; // a row without a usable address has no server to read; the others still count
  }
}

/** Every origin the site script should be registered for, before permissions are checked. */
export async function siteScriptOrigins(store: Store): Promise<string[]> {
  const fromAccounts = (await mastodonAccounts(store)).map(accountOrigin).filter((origin): origin is string => origin !== null);
  return [...new Set([...fromAccounts, ...(await readServerOrigins(store))])].sort();
}
