import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDefaults } from '@/lib/app/ensure-defaults';
import { exportBackup } from '@/lib/backup/export';
import { describeSummary, importBackup } from '@/lib/backup/import';
import type { BackupFile } from '@/lib/backup/schema';
import { openMediaDb } from '@/lib/compose/media-db';
import { createTemplate } from '@/lib/compose/templates';
import type { Settings, Workspace } from '@/lib/model';
import { DB_VERSION, openStore, type Store } from '@/lib/store';
import { makeAccount } from '../factories';

/** A whole backup restored into a fresh profile gives back the same workspaces and settings (issue 18, hole 10). */
type Rows = Record<string, unknown[]>;
const latest = JSON.parse(readFileSync(resolve(__dirname, `../../fixtures/db/v${DB_VERSION}.json`), 'utf8')) as Rows;

async function wholeFile(): Promise<BackupFile> {
  const store = await openStore({ name: 'source' });
  for (const [name, rows] of Object.entries(latest)) for (const row of rows) await store.db.put(name, row);
  await store.db.put('settings', { ...(latest.settings![0] as Settings), theme: 'dark', activeWorkspaceId: 'ws_acme' });
  const { file } = await exportBackup(store, { scope: { kind: 'all' }, includeCredentials: false, now: () => 1, media: openMediaDb('source-media') });
  store.close();
  return file;
}

async function freshProfile(name: string): Promise<Store> {
  const store = await openStore({ name });
  await ensureDefaults(store, () => 1_000, 'Europe/Lisbon');
  return store;
}

const workspaceIds = async (store: Store) => ((await store.db.getAll('workspaces')) as Workspace[]).map((w) => w.id);
const settingsOf = async (store: Store) => (await store.db.get('settings', 'settings')) as Settings;

describe('restoring a whole backup into a fresh profile', () => {
  it('replaces the empty starter workspace and takes the file’s settings, and says so', async () => {
    const file = await wholeFile();
    const store = await freshProfile('fresh');
    const summary = await importBackup(store, file, { media: openMediaDb('fresh-media') });
    expect(summary.replacedStarter).toBe(true);
    expect(describeSummary(summary)).toMatch(/starter workspace of this browser was replaced by yours/);
    expect(await workspaceIds(store)).toEqual(['ws_acme']);
    expect(await settingsOf(store)).toMatchObject({ theme: 'dark', activeWorkspaceId: 'ws_acme' });
    store.close();
  });

  it('keeps the starter workspace and this browser’s settings once anything was made here', async () => {
    const file = await wholeFile();
    const store = await freshProfile('used');
    const [starter] = await workspaceIds(store);
    await store.db.put('accounts', makeAccount({ workspaceId: starter! }));
    const summary = await importBackup(store, file, { media: openMediaDb('used-media') });
    expect(summary.replacedStarter).toBeUndefined();
    expect((await workspaceIds(store)).sort()).toEqual([starter!, 'ws_acme'].sort());
    expect(await settingsOf(store)).toMatchObject({ theme: 'system', activeWorkspaceId: starter });
    store.close();
  });

  it('keeps it when only a template was made here', async () => {
    const file = await wholeFile();
    const store = await freshProfile('templated');
    const [starter] = await workspaceIds(store);
    const media = await openMediaDb('templated-media');
    await createTemplate({ workspaceId: starter!, name: 'Mine', text: 'x' }, 1, media);
    expect((await importBackup(store, file, { media })).replacedStarter).toBeUndefined();
    expect(await workspaceIds(store)).toContain(starter);
    store.close();
  });

  it('keeps it, and this browser’s damaged settings row, when that row fails its schema', async () => {
    const file = await wholeFile();
    const store = await freshProfile('damaged');
    const [starter] = await workspaceIds(store);
    await store.db.put('settings', { id: 'settings', theme: 42 });
    expect((await importBackup(store, file, { media: openMediaDb('damaged-media') })).replacedStarter).toBeUndefined();
    expect(await workspaceIds(store)).toContain(starter);
    expect(await store.db.get('settings', 'settings')).toEqual({ id: 'settings', theme: 42 });
    store.close();
  });

  it('keeps it when the file has no settings row to point elsewhere', async () => {
    const file = await wholeFile();
    const store = await freshProfile('no-settings');
    const [starter] = await workspaceIds(store);
    expect((await importBackup(store, { ...file, data: { ...file.data, settings: [] } }, { media: openMediaDb('ns-media') })).replacedStarter).toBeUndefined();
    expect(await settingsOf(store)).toMatchObject({ activeWorkspaceId: starter });
    store.close();
  });

  it('keeps it when the file holds one workspace only', async () => {
    const file = await wholeFile();
    const store = await freshProfile('one-client');
    const [starter] = await workspaceIds(store);
    const one = { ...file, scope: { kind: 'workspace' as const, workspaceId: 'ws_acme', name: 'Acme' }, data: { ...file.data, settings: [] } };
    expect((await importBackup(store, one, { media: openMediaDb('one-media') })).replacedStarter).toBeUndefined();
    expect(await workspaceIds(store)).toContain(starter);
    store.close();
  });
});
