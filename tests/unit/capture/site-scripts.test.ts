import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { exportBackup } from '@/lib/backup/export';
import { importBackup } from '@/lib/backup/import';
import { readServerOrigins } from '@/lib/capture/site-buttons/read-servers';
import { planRegistrations, registrationFor, SITE_SCRIPT_FILE, type RegisteredScript } from '@/lib/capture/site-buttons/registrations';
import { MASTODON_READ_SERVERS_ID } from '@/lib/model';
import type { HandlerContext } from '@/lib/messaging';
import { createSiteScriptsService } from '@/lib/capture/site-buttons/service';
import type { BackgroundPorts } from '@/lib/platform/ports';
import { openStore, type Store } from '@/lib/store';
import { makeAccount } from '../factories';
import { createFakePorts } from '../fake-ports';

/**
 * The browser's side of run-time registration (the site-scripts port), in memory and as strict as
 * Chrome: a second registration of an id, or an update or removal of an unknown one, is refused.
 */
function fakeScripting() {
  const registered = new Map<string, RegisteredScript>();
  const calls: string[] = [];
  // Each call crosses to the browser process and back, as in Chrome: other work runs meanwhile.
  const browserProcess = () => new Promise((done) => setTimeout(done, 0));
  // Open tabs by address; a tab whose id is in `refusing` throws, as a discarded tab or an error page does.
  const tabs: { id: number; url: string }[] = [];
  const refusing = new Set<number>();
  ports.siteScripts = {
    async registered() {
      await browserProcess();
      return structuredClone([...registered.values()]);
    },
    async register(scripts) {
      await browserProcess();
      calls.push(`register ${scripts.map((script) => script.id).join(' ')}`);
      for (const script of scripts) if (registered.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
      for (const script of scripts) registered.set(script.id, structuredClone(script));
    },
    async update(scripts) {
      await browserProcess();
      calls.push(`update ${scripts.map((script) => script.id).join(' ')}`);
      for (const script of scripts) {
        const known = registered.get(script.id);
        if (!known) throw new Error(`Content script with ID '${script.id}' does not exist`);
        registered.set(script.id, { ...known, ...structuredClone(script) });
      }
    },
    async tabsMatching(patterns) {
      const prefixes = patterns.map((pattern) => pattern.replace(/\*$/, ''));
      return tabs.filter((tab) => prefixes.some((prefix) => tab.url.startsWith(prefix))).map((tab) => tab.id);
    },
    async inject(tabId, files) {
      await browserProcess();
      if (refusing.has(tabId)) throw new Error('Cannot access contents of the page');
      calls.push(`inject ${tabId} ${files.join(' ')}`);
    },
    async unregister(ids) {
      await browserProcess();
      calls.push(`unregister ${ids.join(' ')}`);
      for (const id of ids) if (!registered.delete(id)) throw new Error(`Content script with ID '${id}' does not exist`);
    },
  };
  return { registered, calls, tabs, refusing };
}

/** Host permissions granted so far (optional ones the user allowed), as Chrome checks them. */
function fakePermissions(granted: string[]) {
  const origins = new Set(granted);
  ports.permissions = {
    contains: vi.fn(async (asked: string[]) => asked.every((pattern) => origins.has(pattern))),
    remove: vi.fn(async (removed: string[]) => removed.every((pattern) => origins.delete(pattern))),
  };
  return origins;
}

let ports: BackgroundPorts;
beforeEach(() => {
  ports = createFakePorts().ports;
});

const extension: HandlerContext = { from: 'extension', tabId: null };
const mastodonAccount = (server: string, overrides = {}) =>
  makeAccount({ network: 'mastodon', serverUrl: server, handle: `me@${new URL(server).host}`, ...overrides });

describe('planning registrations (pure)', () => {
  it('adds what is missing, updates what points elsewhere, removes what is no longer wanted, and leaves others’ alone', () => {
    const stale = { ...registrationFor('https://old.example'), js: ['content-scripts/renamed.js'] };
    const plan = planRegistrations(
      [
        registrationFor('https://keep.example'),
        stale,
        registrationFor('https://gone.example'),
        { id: 'someone-else', js: ['x.js'], matches: ['https://x.example/*'] },
      ],
      ['https://keep.example', 'https://old.example', 'https://new.example:8443'],
    );
    expect(plan).toEqual({
      register: [registrationFor('https://new.example:8443')],
      update: [registrationFor('https://old.example')],
      unregister: ['mastodon-site:https://gone.example'],
    });
    expect(registrationFor('https://new.example:8443')).toEqual({
      id: 'mastodon-site:https://new.example:8443',
      js: [SITE_SCRIPT_FILE],
      matches: ['https://new.example:8443/*'],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    });
    expect(planRegistrations([registrationFor('https://keep.example')], ['https://keep.example'])).toEqual({ register: [], update: [], unregister: [] });
  });
});

describe('the site script on Mastodon servers (plain fake ports)', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore();
  });
  afterEach(() => {
    store.close();
    vi.restoreAllMocks();
  });
  const service = () => createSiteScriptsService({ store: Promise.resolve(store), now: () => 1000, ports });

  it('on start registers the servers of connected Mastodon accounts and the added ones Cadence may read; again, it changes nothing', async () => {
    const { registered, calls } = fakeScripting();
    fakePermissions(['https://mastodon.social/*', 'https://fosstodon.org/*', 'https://added.example/*']);
    await store.accounts.putMany([
      mastodonAccount('https://mastodon.social'),
      mastodonAccount('https://mastodon.social'), // a second account on the same server: one registration
      mastodonAccount('https://fosstodon.org', { status: 'disconnected' }),
      mastodonAccount('https://revoked.example'), // its permission was taken back: not registered
      makeAccount({ network: 'bluesky', serverUrl: 'https://bsky.social' }),
    ]);
    await store.db.put('meta', { v: 1, id: MASTODON_READ_SERVERS_ID, origins: ['https://added.example'], updatedAt: 1 });
    const sites = service();
    await sites.onStart!();
    expect([...registered.keys()].sort()).toEqual(['mastodon-site:https://added.example', 'mastodon-site:https://mastodon.social']);
    expect(registered.get('mastodon-site:https://mastodon.social')).toMatchObject({
      js: [SITE_SCRIPT_FILE],
      matches: ['https://mastodon.social/*'],
      persistAcrossSessions: true,
    });
    calls.length = 0;
    await sites.onStart!();
    expect(calls).toEqual([]);
  });

  it('follows accounts as they connect and disconnect (the store’s change feed), one sync at a time', async () => {
    const { registered } = fakeScripting();
    fakePermissions(['https://mastodon.social/*', 'https://hachyderm.io/*']);
    const errors = vi.spyOn(console, 'error');
    const sites = service();
    // Written past the change feed, then three syncs at once: Chrome would refuse a second registration of an id.
    await store.db.put('accounts', mastodonAccount('https://hachyderm.io'));
    await Promise.all([sites.onStart!(), sites.onStart!(), sites.onStart!()]);
    expect([...registered.keys()]).toEqual(['mastodon-site:https://hachyderm.io']);

    const account = mastodonAccount('https://mastodon.social');
    await store.accounts.put(account);
    await vi.waitFor(() => expect([...registered.keys()].sort()).toEqual(['mastodon-site:https://hachyderm.io', 'mastodon-site:https://mastodon.social']));
    await store.accounts.put({ ...account, status: 'disconnected' });
    await vi.waitFor(() => expect([...registered.keys()]).toEqual(['mastodon-site:https://hachyderm.io']));
    expect(errors).not.toHaveBeenCalled();
  });

  it('follows the servers a backup import brings: registers those this browser allows, and the rest once allowed', async () => {
    const { registered } = fakeScripting();
    const granted = fakePermissions(['https://fosstodon.org/*']);
    const sites = service();
    await sites.onStart!();
    const { file } = await exportBackup(store, { scope: { kind: 'all' }, includeCredentials: false, now: () => 1 });
    await importBackup(store, { ...file, readServers: ['https://fosstodon.org', 'https://hachyderm.io'] });
    await vi.waitFor(() => expect([...registered.keys()]).toEqual(['mastodon-site:https://fosstodon.org']));
    expect(await readServerOrigins(store)).toEqual(['https://fosstodon.org', 'https://hachyderm.io']);
    // Settings' Allow button: the permission, then the same message as adding it.
    granted.add('https://hachyderm.io/*');
    await sites.handlers!['sites.addMastodonServer']!({ origin: 'https://hachyderm.io' }, extension);
    expect([...registered.keys()].sort()).toEqual(['mastodon-site:https://fosstodon.org', 'mastodon-site:https://hachyderm.io']);
  });

  it('adds a server the user allowed, normalised; refuses one without permission or one Cadence supports anyway', async () => {
    const { registered } = fakeScripting();
    const granted = fakePermissions(['https://mastodon.art/*', 'https://bsky.app/*']);
    const add = service().handlers!['sites.addMastodonServer']!;
    await expect(add({ origin: 'elsewhere.example' }, extension)).rejects.toThrow(
      'Cadence needs your permission to read elsewhere.example. Press Add again and choose Allow.',
    );
    await expect(add({ origin: 'bsky.app' }, extension)).rejects.toThrow('Cadence already puts its buttons on bsky.app.');
    await expect(add({ origin: 'http://mastodon.art' }, extension)).rejects.toThrow(/reached over https/);
    expect(await readServerOrigins(store)).toEqual([]);
    expect(registered.size).toBe(0);

    expect(await add({ origin: ' @artist@Mastodon.Art/ ' }, extension)).toEqual({ origin: 'https://mastodon.art' });
    expect(await readServerOrigins(store)).toEqual(['https://mastodon.art']);
    expect([...registered.keys()]).toEqual(['mastodon-site:https://mastodon.art']);
    expect(granted.has('https://mastodon.art/*')).toBe(true);
  });

  it('adding a server puts the script in the tabs already open there; a tab that cannot take it does not fail the add', async () => {
    const { calls, tabs, refusing } = fakeScripting();
    fakePermissions(['https://mastodon.art/*']);
    tabs.push({ id: 1, url: 'https://mastodon.art/@artist/1' }, { id: 2, url: 'https://other.example/' }, { id: 3, url: 'https://mastodon.art/home' });
    refusing.add(3);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const sites = service();
    expect(await sites.handlers!['sites.addMastodonServer']!({ origin: 'mastodon.art' }, extension)).toEqual({ origin: 'https://mastodon.art' });
    expect(calls).toEqual(['register mastodon-site:https://mastodon.art', `inject 1 ${SITE_SCRIPT_FILE}`]);
    expect(warn).toHaveBeenCalledWith('Cadence: the Clip buttons reach tab 3 when it loads again', expect.any(Error));
    // Registered already: a later sync (start-up) injects nothing again.
    calls.length = 0;
    await sites.onStart!();
    expect(calls).toEqual([]);
  });

  it('removing a server unregisters it and gives its permission back, unless an account there still needs it', async () => {
    const { registered } = fakeScripting();
    const granted = fakePermissions(['https://mastodon.art/*', 'https://mastodon.social/*']);
    const sites = service();
    await store.accounts.put(mastodonAccount('https://mastodon.social'));
    await sites.handlers!['sites.addMastodonServer']!({ origin: 'mastodon.art' }, extension);
    await sites.handlers!['sites.addMastodonServer']!({ origin: 'mastodon.social' }, extension);
    const remove = sites.handlers!['sites.removeMastodonServer']!;

    expect(await remove({ origin: 'https://mastodon.art' }, extension)).toEqual({ origin: 'https://mastodon.art', permissionKept: false });
    expect(granted.has('https://mastodon.art/*')).toBe(false);
    expect(await remove({ origin: 'https://mastodon.social' }, extension)).toEqual({ origin: 'https://mastodon.social', permissionKept: true });
    expect(granted.has('https://mastodon.social/*')).toBe(true);
    expect(await readServerOrigins(store)).toEqual([]);
    expect([...registered.keys()]).toEqual(['mastodon-site:https://mastodon.social']); // the account's server keeps it
  });

  it('a permission the browser cannot give back (a required one) is reported as kept', async () => {
    fakeScripting();
    fakePermissions(['http://127.0.0.1:8080/*']);
    vi.mocked(ports.permissions.remove).mockRejectedValue(new Error('You cannot remove required permissions.'));
    const sites = service();
    await sites.handlers!['sites.addMastodonServer']!({ origin: 'http://127.0.0.1:8080' }, extension);
    expect(await sites.handlers!['sites.removeMastodonServer']!({ origin: 'http://127.0.0.1:8080' }, extension)).toEqual({
      origin: 'http://127.0.0.1:8080',
      permissionKept: true,
    });
  });

  it('a permission taken back in the browser takes the server off the list and its registration away', async () => {
    const { registered } = fakeScripting();
    const granted = fakePermissions(['https://mastodon.art/*', 'https://chaos.social/*']);
    const sites = service();
    await sites.handlers!['sites.addMastodonServer']!({ origin: 'mastodon.art' }, extension);
    await sites.handlers!['sites.addMastodonServer']!({ origin: 'chaos.social' }, extension);
    granted.delete('https://mastodon.art/*');
    await sites.onPermissionsRemoved!({ origins: ['https://mastodon.art/*'] });
    expect(await readServerOrigins(store)).toEqual(['https://chaos.social']);
    expect([...registered.keys()]).toEqual(['mastodon-site:https://chaos.social']);
  });

  it('an unreadable list is an error that unregisters nothing', async () => {
    const { registered } = fakeScripting();
    fakePermissions(['https://mastodon.art/*']);
    const sites = service();
    await sites.handlers!['sites.addMastodonServer']!({ origin: 'mastodon.art' }, extension);
    await store.db.put('meta', { v: 1, id: MASTODON_READ_SERVERS_ID, origins: 'garbled', updatedAt: 1 });
    await expect(sites.onStart!()).rejects.toThrow('could not be read; it was kept as it was');
    expect([...registered.keys()]).toEqual(['mastodon-site:https://mastodon.art']);
    expect(await store.db.get('meta', MASTODON_READ_SERVERS_ID)).toMatchObject({ origins: 'garbled' });
  });
});
