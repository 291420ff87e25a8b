import { ValidationError } from '../../errors';
import { MASTODON_READ_SERVERS_ID } from '../../model';
import { normalizeServer } from '../../accounts/server-address';
import { accountOrigin, changeReadServers, mastodonAccounts, siteScriptOrigins } from './read-servers';
import { originPattern, patternOrigin } from './registrations';
import { siteFor } from './sites';
import type { BackgroundService, ServiceContext } from '../../app/background-service';
import { syncSiteScripts, type SiteScriptsApi } from './sync';

/**
 * The site script on Mastodon servers (docs/architecture.md, decision 4): registered at run time for every
 * connected Mastodon account's server and every server added in Settings, kept in step on
 * start-up, when accounts or the servers read change (connect, disconnect, a backup imported: the
 * store's change feed) and when the
 * user takes a host permission back in the browser. One sync runs at a time; syncs asked for
 * meanwhile become one more, which reads the latest state.
 */
export function createSiteScriptsService({ store, now, ports }: ServiceContext): BackgroundService<'sites.addMastodonServer' | 'sites.removeMastodonServer'> {
  const api: SiteScriptsApi = { scripts: ports.siteScripts, permissions: ports.permissions };
  const removeOrigins = ports.permissions.remove;
  let chain: Promise<unknown> = Promise.resolve();
  let waiting: Promise<void> | null = null;
  const sync = (): Promise<void> => {
    waiting ??= chain.then(async () => {
      waiting = null;
      await syncSiteScripts(await siteScriptOrigins(await store), api);
    });
    chain = waiting.catch(() => undefined);
    return waiting;
  };
  const syncInBackground = (why: string) =>
    void sync().catch((error: unknown) => console.error(`Cadence: updating the Mastodon site scripts after ${why} failed`, error));
  void store.then((opened) =>
    opened.feed.subscribe((change) => {
      if (change.store === 'accounts') syncInBackground('an account change');
      // The list changes here through the handlers below, which sync themselves, and through a backup import.
      else if (change.store === 'meta' && change.keys.includes(MASTODON_READ_SERVERS_ID)) syncInBackground('a change to the servers you read');
    }),
  );

  const checkedOrigin = (input: string) => {
    const origin = normalizeServer(input);
    if (siteFor(new URL(origin))) throw new ValidationError(`Cadence already puts its buttons on ${new URL(origin).host}.`);
    return origin;
  };

  return {
    onStart: sync,
    async onPermissionsRemoved({ origins = [] }) {
      const opened = await store;
      for (const origin of origins.map(patternOrigin)) if (origin) await changeReadServers(opened, { remove: origin }, now);
      await sync();
    },
    handlers: {
      'sites.addMastodonServer': async ({ origin: input }) => {
        const origin = checkedOrigin(input);
        if (!(await api.permissions.contains([originPattern(origin)]))) {
          throw new ValidationError(`Cadence needs your permission to read ${new URL(origin).host}. Press Add again and choose Allow.`);
        }
        await changeReadServers(await store, { add: origin }, now);
        await sync();
        return { origin };
      },
      'sites.removeMastodonServer': async ({ origin: input }) => {
        const origin = normalizeServer(input);
        const opened = await store;
        await changeReadServers(opened, { remove: origin }, now);
        await sync();
        // An account on that server still needs the permission to post there.
        const isAccountServer = (await mastodonAccounts(opened)).some((account) => accountOrigin(account) === origin);
        const removed = !isAccountServer && (await removeOrigins([originPattern(origin)]).catch(() => false));
        return { origin, permissionKept: !removed };
      },
    },
  };
}
