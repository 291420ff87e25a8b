import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBackup } from '@/lib/backup/export';
import { IMPORTED, isImportedHold } from '@/lib/backup/hold-pending';
import { importBackup } from '@/lib/backup/import';
import type { BackupFile } from '@/lib/backup/schema';
import { openMediaDb } from '@/lib/compose/media-db';
import type { Account, Delivery } from '@/lib/model';
import { claim } from '@/lib/publish/claim';
import { confirmImported, draftImported } from '@/lib/schedule/imported';
import { importedHolds } from '@/lib/schedule/imported-holds';
import { atLocalTime } from '@/lib/schedule/local-time';
import { DB_VERSION, openStore, type Store } from '@/lib/store';
import { makeDelivery } from '../factories';

/**
 * Issue 18, hole 8: profile A exports, profile B imports, both run: two Bluesky records. Imported
 * posts still to go out come in held, and go out only after the user confirms them.
 */
type Rows = Record<string, unknown[]>;
const latest = JSON.parse(readFileSync(resolve(__dirname, `../../fixtures/db/v${DB_VERSION}.json`), 'utf8')) as Rows;
// Monday 2026-03-02 12:00 in Berlin: the fixture account posts Mondays 09:00 and Wednesdays 13:30 there.
const NOW = atLocalTime('2026-03-02', '12:00', 'Europe/Berlin');
const HOUR = 3_600_000;

const on = (overrides: Partial<Delivery>) => makeDelivery({ postId: 'post_1', accountId: 'acct_bsky', workspaceId: 'ws_acme', ...overrides });
const ROWS = {
  later: on({ id: 'dlv_later', state: 'scheduled', dueAt: NOW + 2 * HOUR }),
  passed: on({ id: 'dlv_passed', state: 'scheduled', dueAt: NOW - 2 * HOUR }),
  retrying: on({
    id: 'dlv_retrying',
    state: 'retrying',
    dueAt: NOW - HOUR,
    attempt: 2,
    nextAttemptAt: NOW + 60_000,
    lastError: { code: 'rate-limited', message: 'Slow down' },
  }),
  publishing: on({ id: 'dlv_publishing', state: 'publishing', dueAt: NOW - HOUR, attempt: 1, lease: { owner: 'worker-a', until: NOW + 60_000 }, rkey: '3abc' }),
  handedOff: on({ id: 'dlv_handed', state: 'scheduled', method: 'server-scheduled', network: 'mastodon', dueAt: NOW + HOUR }),
  published: on({ id: 'dlv_published', state: 'published', dueAt: NOW - 5 * HOUR, publishedAt: NOW - 5 * HOUR }),
  draft: on({ id: 'dlv_draft', state: 'draft', dueAt: null }),
};

async function fileFromA(): Promise<BackupFile> {
  const store = await openStore({ name: 'profile-a' });
  for (const [name, rows] of Object.entries(latest)) for (const row of rows) await store.db.put(name, row);
  await store.db.clear('deliveries');
  for (const row of Object.values(ROWS)) await store.db.put('deliveries', row);
  const { file } = await exportBackup(store, { scope: { kind: 'all' }, includeCredentials: false, now: () => NOW, media: openMediaDb('media-a') });
  store.close();
  return JSON.parse(JSON.stringify(file)) as BackupFile;
}

async function profileB(file: BackupFile): Promise<Store> {
  const store = await openStore({ name: 'profile-b' });
  await importBackup(store, file, { media: openMediaDb('media-b') });
  return store;
}

const row = async (store: Store, id: string) => (await store.db.get('deliveries', id)) as Delivery;

describe('imported posts still to go out are held', () => {
  it('come in held, and the publisher claims none of them, even long after they were due', async () => {
    const store = await profileB(await fileFromA());
    for (const id of ['dlv_later', 'dlv_passed', 'dlv_retrying', 'dlv_publishing']) {
      expect(await row(store, id)).toMatchObject({ state: 'held', lease: null, nextAttemptAt: null, lastError: { code: IMPORTED } });
      expect(await claim(store, id, 'worker-b', NOW + 30 * 24 * HOUR)).toBeNull();
    }
    // Their time is kept, so Confirm can put them back at it.
    expect((await row(store, 'dlv_later')).dueAt).toBe(ROWS.later.dueAt);
    store.close();
  });

  it('one the other browser may have sent carries that doubt, so confirming it asks the network first', async () => {
    const store = await profileB(await fileFromA());
    expect((await row(store, 'dlv_publishing')).doubt).toBe('maybe');
    expect((await row(store, 'dlv_retrying')).doubt).toBe('maybe');
    expect((await row(store, 'dlv_later')).doubt).toBeUndefined();
    store.close();
  });

  it('leaves alone what is not the publisher’s to send: a Mastodon hand-off, a published post, a draft', async () => {
    const store = await profileB(await fileFromA());
    expect(await row(store, 'dlv_handed')).toEqual(ROWS.handedOff);
    expect(await row(store, 'dlv_published')).toEqual(ROWS.published);
    expect(await row(store, 'dlv_draft')).toEqual(ROWS.draft);
    store.close();
  });

  it('says how many it held; importing the file again changes nothing', async () => {
    const file = await fileFromA();
    const store = await openStore({ name: 'twice' });
    expect((await importBackup(store, file, { media: openMediaDb('m1') })).held).toBe(4);
    const again = await importBackup(store, file, { media: openMediaDb('m1') });
    expect(again.held).toBeUndefined();
    expect(again.deliveries).toMatchObject({ added: 0, updated: 0 });
    expect((await importedHolds(store)).map((d) => d.id).sort()).toEqual(['dlv_later', 'dlv_passed', 'dlv_publishing', 'dlv_retrying']);
    store.close();
  });

  it('never overwrites a delivery this browser is publishing right now, even with a newer copy', async () => {
    const file = await fileFromA();
    const store = await openStore({ name: 'busy' });
    const mine = { ...ROWS.later, state: 'publishing' as const, lease: { owner: 'worker-b', until: NOW + 60_000 }, updatedAt: 0 };
    await store.db.put('deliveries', mine);
    await importBackup(
      store,
      { ...file, data: { ...file.data, deliveries: file.data.deliveries.map((d) => ({ ...d, updatedAt: 99 })) } },
      { media: openMediaDb('m2') },
    );
    expect(await row(store, 'dlv_later')).toEqual(mine);
    store.close();
  });
});

describe('Confirm and schedule / Move to drafts', () => {
  it('Confirm puts each back at its time, or in the next free slot when that has passed; then the publisher takes them', async () => {
    const store = await profileB(await fileFromA());
    const result = await confirmImported(store, NOW);
    expect(result).toEqual({ onTime: 1, nextSlot: 3, now: 0 });
    expect(await row(store, 'dlv_later')).toMatchObject({ state: 'scheduled', dueAt: ROWS.later.dueAt, lastError: null });
    // The passed ones take the account's next free slots: Wednesday 13:30, then Monday 09:00, …
    const slots = [
      atLocalTime('2026-03-04', '13:30', 'Europe/Berlin'),
      atLocalTime('2026-03-09', '09:00', 'Europe/Berlin'),
      atLocalTime('2026-03-11', '13:30', 'Europe/Berlin'),
    ];
    const moved = await Promise.all(['dlv_passed', 'dlv_retrying', 'dlv_publishing'].map((id) => row(store, id)));
    expect(moved.map((d) => d.dueAt).sort()).toEqual(slots);
    for (const d of moved) expect(d).toMatchObject({ state: 'scheduled', attempt: 0, nextAttemptAt: null, lastError: null });
    expect((await row(store, 'dlv_publishing')).doubt).toBe('maybe');
    expect(await importedHolds(store)).toEqual([]);
    expect(await claim(store, 'dlv_later', 'worker-b', NOW + 2 * HOUR)).toMatchObject({ state: 'publishing' });
    store.close();
  });

  it('Confirm on an account with no posting schedule makes a passed post due at once', async () => {
    const store = await profileB(await fileFromA());
    const account = (await store.db.get('accounts', 'acct_bsky')) as Account;
    await store.db.put('accounts', { ...account, schedule: [] });
    expect(await confirmImported(store, NOW)).toEqual({ onTime: 1, nextSlot: 0, now: 3 });
    expect((await row(store, 'dlv_passed')).dueAt).toBe(NOW);
    store.close();
  });

  it('Move to drafts makes drafts, but one that may already be out stays held for the user to check', async () => {
    const store = await profileB(await fileFromA());
    expect(await draftImported(store, NOW)).toEqual({ drafts: 2, mayBeOut: 2 });
    expect(await row(store, 'dlv_later')).toMatchObject({ state: 'draft', dueAt: null, lastError: null });
    expect(await row(store, 'dlv_publishing')).toMatchObject({ state: 'held', lastError: { code: 'uncertain' }, doubt: 'maybe' });
    expect(await importedHolds(store)).toEqual([]);
    store.close();
  });

  it('a held post the user already acted on from the Calendar is left as it is', async () => {
    const store = await profileB(await fileFromA());
    const held = await importedHolds(store);
    expect(held.every(isImportedHold)).toBe(true);
    await store.db.put('deliveries', { ...(await row(store, 'dlv_later')), state: 'retrying', lastError: null });
    expect((await confirmImported(store, NOW)).onTime).toBe(0);
    expect((await row(store, 'dlv_later')).state).toBe('retrying');
    store.close();
  });
});
