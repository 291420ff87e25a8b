import { mastodonAppRegistrationSchema, type MastodonAppRegistration } from '../model';
import { registerApp } from '../networks/mastodon/connect';
import type { Fetch } from '../networks/types';
import type { Store } from '../store';

/**
 * The app registration for one server, registered once and cached in `meta`. Written through
 * store.db with its own schema: `meta`'s collection is typed for the worker's bookkeeping row.
 * A cached row for another redirect URI (a reinstalled extension has a new id) is replaced.
 */
export async function mastodonApp(
  store: Store,
  server: string,
  redirectUri: string,
  deps: { fetch: Fetch; now: () => number },
): Promise<MastodonAppRegistration> {
  const id = `mastodon-app:${server}`;
  const cached = mastodonAppRegistrationSchema.safeParse(await store.db.get('meta', id));
  if (cached.success && cached.data.redirectUri === redirectUri) return cached.data;
  const { clientId, clientSecret } = await registerApp(server, redirectUri, { fetch: deps.fetch });
  const row = mastodonAppRegistrationSchema.parse({ v: 1, id, server, redirectUri, clientId, clientSecret, createdAt: deps.now() });
  await store.db.put('meta', row);
  return row;
}
