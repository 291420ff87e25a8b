import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBackup } from '@/lib/backup/export';
import { holdIfPending } from '@/lib/backup/hold-pending';
import { importBackup, parseBackup } from '@/lib/backup/import';
import type { Delivery } from '@/lib/model';
import type { BackupFile } from '@/lib/backup/schema';
import { MASTODON_READ_SERVERS_ID } from '@/lib/model';
import { DB_VERSION, openStore, STORES, validRows, type Store, type StoreName } from '@/lib/store';

type Rows = Record<string, unknown[]>;
// Rows of the current version (the store below opens at it): a derived clipTerms row of an older shape would not parse.
const latest = JSON.parse(readFileSync(resolve(__dirname, `../../fixtures/db/v${DB_VERSION}.json`), 'utf8')) as Rows;
const DATA_STORES = [
  'workspaces',
  'accounts',
  'credentials',
  'clips',
  'clipTerms',
  'posts',
  'deliveries',
  'inbox',
  'metrics',
  'streams',
  'streamResults',
  'savedReplies',
  'settings',
];

async function seeded(): Promise<Store> {
  const store = await openStore();
  for (const [name, rows] of Object.entries(latest)) for (const row of rows) await store.db.put(name, row);
  return store;
}

/** Every row as the app reads it (through its schema, so a default filled in on read counts as the same row). */
async function dump(store: Store): Promise<Rows> {
  return Object.fromEntries(
    await Promise.all(DATA_STORES.map(async (name) => [name, (await store.db.getAll(name)).map((row) => STORES[name as StoreName].schema.parse(row))])),
  );
}

const exportAll = (store: Store, includeCredentials = true) =>
  exportBackup(store, { scope: { kind: 'all' }, includeCredentials, now: () => 1_800_000_000_000 });

async function emptyStore(name: string): Promise<Store> {
  return openStore({ name });
}

describe('backup export → import', () => {
  it('the fixture fills every store the file carries', () => {
    for (const name of DATA_STORES) expect(latest[name]?.length ?? 0, name).toBeGreaterThan(0);
  });

  it('round-trips every store losslessly through JSON, clip index included; a pending delivery comes back held', async () => {
    const source = await seeded();
    const { file, skipped } = await exportAll(source);
    expect(skipped).toEqual([]);
    const text = JSON.stringify(file);
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    const target = await emptyStore('restore-target');
    const summary = await importBackup(target, (parsed as { file: BackupFile }).file);
    const expected = await dump(source);
    expected.deliveries = (expected.deliveries as Delivery[]).map(holdIfPending);
    expect(await dump(target)).toEqual(expected);
    expect(summary.held).toBe(1);
    expect(summary.clips).toEqual({ added: latest.clips!.length, updated: 0, skipped: 0 });
    source.close();
    target.close();
  });

  it('leaves credentials out unless asked', async () => {
    const source = await seeded();
    const { file } = await exportAll(source, false);
    expect(file.includesCredentials).toBe(false);
    expect(file.data.credentials).toBeUndefined();
    expect(JSON.stringify(file)).not.toContain('refreshJwt');
    source.close();
  });

  it('exports one workspace with only its rows', async () => {
    const source = await seeded();
    const other = { ...(latest.workspaces![0] as object), id: 'ws_other', name: 'Other' };
    await source.db.put('workspaces', other);
    const { file } = await exportBackup(source, {
      scope: { kind: 'workspace', workspaceId: 'ws_other', name: 'Other' },
      includeCredentials: false,
      now: () => 1,
    });
    expect(file.data.workspaces.map((w) => w.id)).toEqual(['ws_other']);
    expect(file.data.accounts).toEqual([]);
    expect(file.data.posts).toEqual([]);
    expect(parseBackup(JSON.stringify(file)).ok).toBe(true);
    source.close();
  });

  it('importing the same file twice duplicates nothing and the second time skips everything', async () => {
    const source = await seeded();
    const { file } = await exportAll(source);
    const target = await emptyStore('twice');
    await importBackup(target, file);
    const once = await dump(target);
    const again = await importBackup(target, file);
    expect(await dump(target)).toEqual(once);
    for (const counts of Object.values(again)) expect(counts).toMatchObject({ added: 0, updated: 0 });
    source.close();
    target.close();
  });

  it('newer updatedAt wins; an older copy in the file is skipped', async () => {
    const source = await seeded();
    const { file } = await exportAll(source);
    const target = await emptyStore('newer');
    await importBackup(target, file);
    const [workspace] = file.data.workspaces;
    const newer = { ...file, data: { ...file.data, workspaces: [{ ...workspace!, name: 'Renamed', updatedAt: workspace!.updatedAt + 1 }] } };
    expect((await importBackup(target, newer)).workspaces).toEqual({ added: 0, updated: 1, skipped: 0 });
    const older = { ...file, data: { ...file.data, workspaces: [{ ...workspace!, name: 'Stale', updatedAt: workspace!.updatedAt - 1 }] } };
    expect((await importBackup(target, older)).workspaces).toEqual({ added: 0, updated: 0, skipped: 1 });
    expect(((await target.db.get('workspaces', workspace!.id)) as { name: string }).name).toBe('Renamed');
    source.close();
    target.close();
  });
});

describe('what a published delivery sent', () => {
  const sent = {
    parts: [
      { text: 'Round one, as it went out', alts: ['A cup'], link: 'https://example.com/roast' },
      { text: 'and its second part', alts: [], link: null },
    ],
  };

  it('travels in the backup and comes back as it was', async () => {
    const source = await seeded();
    const [delivery] = latest.deliveries as Record<string, unknown>[];
    await source.db.put('deliveries', { ...delivery, state: 'published', publishedAt: 1_700_000_000_000, sent });
    const { file } = await exportAll(source);
    expect(file.data.deliveries[0]!.sent).toEqual(sent);
    const parsed = parseBackup(JSON.stringify(file));
    const target = await emptyStore('sent-round-trip');
    await importBackup(target, (parsed as { file: BackupFile }).file);
    expect(await target.deliveries.get(String(delivery!.id))).toMatchObject({ ok: true, value: { sent } });
    source.close();
    target.close();
  });

  it('a file made before it was kept imports its deliveries with none', async () => {
    const source = await seeded();
    const { file } = await exportAll(source);
    const old = JSON.parse(JSON.stringify(file)) as { data: { deliveries: Record<string, unknown>[] } };
    for (const row of old.data.deliveries) delete row.sent;
    const parsed = parseBackup(JSON.stringify(old));
    expect(parsed.ok).toBe(true);
    const target = await emptyStore('sent-old-file');
    expect((await importBackup(target, (parsed as { file: BackupFile }).file)).deliveries).toMatchObject({ added: old.data.deliveries.length });
    for (const row of validRows(await target.deliveries.list())) expect(row.sent).toBeNull();
    source.close();
    target.close();
  });
});

describe('the Mastodon servers the user reads', () => {
  const serversRow = (origins: string[]) => ({ v: 1, id: MASTODON_READ_SERVERS_ID, origins, updatedAt: 1 });
  const origins = async (store: Store) => ((await store.db.get('meta', MASTODON_READ_SERVERS_ID)) as { origins: string[] } | undefined)?.origins;

  it('travel in a whole backup and are joined to the list of the browser that imports it', async () => {
    const source = await seeded();
    await source.db.put('meta', serversRow(['https://fosstodon.org', 'https://hachyderm.io']));
    const { file, skipped } = await exportAll(source);
    expect(skipped).toEqual([]);
    expect(file.readServers).toEqual(['https://fosstodon.org', 'https://hachyderm.io']);
    const parsed = parseBackup(JSON.stringify(file));
    expect(parsed.ok).toBe(true);

    const target = await emptyStore('servers-target');
    await target.db.put('meta', serversRow(['https://mastodon.social', 'https://fosstodon.org']));
    const changed: string[][] = [];
    target.feed.subscribe((change) => change.store === 'meta' && changed.push(change.keys));
    const summary = await importBackup(target, (parsed as { file: BackupFile }).file);
    expect(summary.readServers).toEqual({ added: 1, updated: 0, skipped: 1 });
    expect(await origins(target)).toEqual(['https://mastodon.social', 'https://fosstodon.org', 'https://hachyderm.io']);
    expect(changed).toEqual([[MASTODON_READ_SERVERS_ID]]);
    // Imported again: nothing new, nothing removed.
    expect((await importBackup(target, (parsed as { file: BackupFile }).file)).readServers).toEqual({ added: 0, updated: 0, skipped: 2 });
    source.close();
    target.close();
  });

  it('stay out of one workspace’s backup (they are the browser’s, not a client’s)', async () => {
    const source = await seeded();
    await source.db.put('meta', serversRow(['https://fosstodon.org']));
    const workspace = latest.workspaces![0] as { id: string; name: string };
    const { file } = await exportBackup(source, {
      scope: { kind: 'workspace', workspaceId: workspace.id, name: workspace.name },
      includeCredentials: false,
      now: () => 1,
    });
    expect(file.readServers).toBeUndefined();
    source.close();
  });

  it('an unreadable list here is named when exporting, and never overwritten by an import', async () => {
    const source = await seeded();
    await source.db.put('meta', { v: 1, id: MASTODON_READ_SERVERS_ID, origins: 'not a list' });
    const { file, skipped } = await exportAll(source);
    expect(file.readServers).toBeUndefined();
    expect(skipped).toEqual([expect.objectContaining({ store: 'meta', key: MASTODON_READ_SERVERS_ID })]);
    const withServers = { ...file, readServers: ['https://fosstodon.org'] };
    expect((await importBackup(source, withServers)).readServers).toEqual({ added: 0, updated: 0, skipped: 1 });
    expect(((await source.db.get('meta', MASTODON_READ_SERVERS_ID)) as { origins: unknown }).origins).toBe('not a list');
    source.close();
  });

  it('a file whose list holds something other than server addresses is refused', async () => {
    const source = await seeded();
    const { file } = await exportAll(source);
    source.close();
    const result = parseBackup(JSON.stringify({ ...file, readServers: ['https://ok.example', 'javascript:alert(1)', 'https://x.example/path'] }));
    expect(result.ok).toBe(false);
    expect((result as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual(['readServers.1', 'readServers.2']);
  });

  it('a file made before servers were backed up imports as before', async () => {
    const source = await seeded();
    const { file } = await exportAll(source);
    expect(file.readServers).toBeUndefined();
    const target = await emptyStore('servers-old-file');
    expect((await importBackup(target, file)).readServers).toBeUndefined();
    expect(await origins(target)).toBeUndefined();
    source.close();
    target.close();
  });
});

describe('a bad backup file is refused whole, with its problems named', () => {
  async function refused(mutate: (file: Record<string, unknown>) => unknown, raw?: (text: string) => string) {
    const source = await seeded();
    const { file } = await exportAll(source);
    source.close();
    const text = raw ? raw(JSON.stringify(file)) : JSON.stringify(mutate(structuredClone(file) as unknown as Record<string, unknown>));
    const result = parseBackup(text);
    expect(result.ok).toBe(false);
    return (result as { problems: { path: string; message: string }[] }).problems;
  }

  it('truncated', async () => {
    const problems = await refused(
      () => null,
      (text) => text.slice(0, text.length / 2),
    );
    expect(problems[0]!.message).toMatch(/truncated/);
  });

  it('a version made by a newer Cadence, and one that never existed', async () => {
    const newer = await refused((file) => ({ ...file, version: 3 }));
    expect(newer).toEqual([{ path: 'version', message: expect.stringMatching(/version 3 was made by a newer Cadence .*update Cadence/) }]);
    const never = await refused((file) => ({ ...file, version: 0 }));
    expect(never).toEqual([{ path: 'version', message: expect.stringMatching(/version 0 is not one this Cadence reads \(it reads versions 1 and 2\)/) }]);
  });

  it('not a backup at all', async () => {
    const problems = await refused(() => ({ hello: 'world' }));
    expect(problems.map((p) => p.path)).toContain('format');
  });

  it('wrong types, listing at most five problems with their paths', async () => {
    const problems = await refused((file) => {
      const data = file.data as Rows;
      (data.clips![0] as Record<string, unknown>).title = 42;
      (data.posts![0] as Record<string, unknown>).updatedAt = 'yesterday';
      return file;
    });
    expect(problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'data.clips.0.title' }), expect.objectContaining({ path: 'data.posts.0.updatedAt' })]),
    );
    expect(problems.length).toBeLessThanOrEqual(5);
  });

  it('duplicate ids', async () => {
    const problems = await refused((file) => {
      const data = file.data as Rows;
      data.clips!.push(data.clips![0]);
      return file;
    });
    expect(problems).toEqual([{ path: `data.clips.${latest.clips!.length}`, message: expect.stringMatching(/duplicate id/) }]);
  });

  it('a row pointing at a workspace the file lacks', async () => {
    const problems = await refused((file) => {
      ((file.data as Rows).accounts![0] as Record<string, unknown>).workspaceId = 'ws_elsewhere';
      return file;
    });
    expect(problems[0]!.message).toMatch(/ws_elsewhere/);
  });

  it('and nothing in the database changes when one fails', async () => {
    const store = await seeded();
    const before = await dump(store);
    const { file } = await exportAll(store);
    const broken = structuredClone(file) as unknown as { data: Rows };
    (broken.data.deliveries![0] as Record<string, unknown>).state = 'exploded';
    const result = parseBackup(JSON.stringify(broken));
    expect(result.ok).toBe(false);
    expect(await dump(store)).toEqual(before);
    store.close();
  });
});
