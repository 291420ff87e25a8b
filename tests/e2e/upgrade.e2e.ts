import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_VERSION } from '@/lib/store/migrations';
import { makeClip } from '../unit/factories';
import { dbHelperPage, type DbHelper } from './support/db-in-page';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * A user's version-1 database upgraded by the real extension in Chromium: fake-indexeddb let a
 * half-done step 2 look fine (the migration bench indexed 0 of 100,000 clips, unexplained until
 * this file). The v1 database is built by the product's own ladder (step 1) in an extension page;
 * the upgrade itself runs in the side panel, from the extension's own scripts under its CSP.
 */
const v1 = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/db/v1.json'), 'utf8')) as Record<string, unknown[]>;
const CLIPS = 12_000;
/** Rows the pre-migration backup copies: all but the sign-ins, which it never copies (issue 18). */
const ROWS = Object.entries(v1).flatMap(([store, rows]) => (store === 'credentials' ? [] : rows)).length + CLIPS;
const WORDS = ['espresso', 'roastery', 'harvest', 'barista'];

declare const cadenceDb: DbHelper;

function clipRows(): unknown[] {
  return Array.from({ length: CLIPS }, (_, i) =>
    makeClip({
      id: `clip_upgrade_${i}`,
      workspaceIds: ['ws_acme'],
      title: `${WORDS[i % WORDS.length]} notes ${i}`,
      text: 'Long enough to make the copy take a while. '.repeat(40),
      capturedAt: 1_700_000_000_000 + i * 1000,
      updatedAt: 1_700_000_000_000 + i * 1000,
    }),
  );
}

/** Deletes every Cadence database, then builds version 1 with the fixture's rows and CLIPS clips. */
async function buildVersion1(helper: Page): Promise<void> {
  await helper.evaluate(async () => {
    for (const info of await indexedDB.databases()) {
      await new Promise<void>((done, fail) => {
        const request = indexedDB.deleteDatabase(info.name!);
        request.onsuccess = () => done();
        request.onerror = () => fail(request.error);
        request.onblocked = () => fail(new Error(`deleting ${info.name} is blocked by an open connection`));
      });
    }
  });
  const rows = { ...v1, clips: [...v1.clips!, ...clipRows()] };
  for (const [store, values] of Object.entries(rows)) {
    for (let start = 0; start < values.length; start += 2000) {
      await helper.evaluate(
        async (name, batch) => {
          const db = await cadenceDb.openCadenceDb({ version: 1, backup: false });
          const tx = db.transaction(name, 'readwrite');
          for (const value of batch) void tx.store.put(value);
          await tx.done;
          db.close();
        },
        store,
        values.slice(start, start + 2000),
      );
    }
  }
}

/** The database as the side panel left it (opened at the latest version: call it after the upgrade). */
async function databaseState(helper: Page) {
  return helper.evaluate(async () => {
    const db = await cadenceDb.openCadenceDb({ backup: false });
    const state = {
      version: db.version,
      clips: await db.count('clips'),
      clipTerms: await db.count('clipTerms'),
      espresso: (await db.getAllKeysFromIndex('clipTerms', 'by-term-capturedAt', IDBKeyRange.bound(['espresso'], ['espresso', []]))).length,
    };
    db.close();
    return state;
  });
}

/**
 * Every clip as stored, digested (SHA-256 of their JSON in key order), read without opening the
 * database through the ladder: an upgrade cut off must leave them as they were, and so must one that completes.
 */
async function clipsDigest(helper: Page) {
  return helper.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open('cadence');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    const clips = await new Promise<unknown[]>((done, fail) => {
      const request = db.transaction('clips').objectStore('clips').getAll();
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    db.close();
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(clips)));
    return { count: clips.length, sha256: [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('') };
  });
}

/** The stores of the database as it is, without opening it through the ladder (which would upgrade it). */
async function storeNames(helper: Page) {
  return helper.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open('cadence');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    const names = [...db.objectStoreNames];
    db.close();
    return names;
  });
}

/** What the backup of version 1 holds, read without opening (or upgrading) the database itself. */
async function backupState(helper: Page) {
  return helper.evaluate(async () => {
    const name = cadenceDb.backupDbName('cadence', 1);
    const databases = await indexedDB.databases();
    const exists = databases.some((info) => info.name === name);
    const isComplete = exists && (await cadenceDb.isCompleteBackup(name));
    let rows: number | null = null;
    if (isComplete) {
      const backup = await new Promise<IDBDatabase>((done, fail) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
      rows = await new Promise<number>((done) => {
        const request = backup.transaction('__about').objectStore('__about').get('about');
        request.onsuccess = () => done((request.result as { rows: number }).rows);
      });
      backup.close();
    }
    return { sourceVersion: databases.find((info) => info.name === 'cadence')?.version ?? 0, exists, isComplete, rows };
  });
}

/** A side panel tab whose opening screen sentences are recorded as they change. */
async function openPanel(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.browser.newPage();
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as { openingSeen: string[] }).openingSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('.opening p')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`, { waitUntil: 'domcontentloaded' });
  return page;
}

const openingSeen = (page: Page) => page.evaluate(() => (window as unknown as { openingSeen: string[] }).openingSeen);
const waitForQueue = (page: Page) => page.waitForSelector('[data-testid="clip-list"] li, .fatal', { timeout: 60_000 });

describe('upgrading a version-1 database in Chromium', () => {
  let ext: ExtensionBrowser;
  let helper: Page;

  beforeAll(async () => {
    ext = await launchWithExtension();
    // Nothing but the pages of this test may open the database: no alarm left to wake the worker.
    const worker = await ext.worker();
    await worker.evaluate(() => (chrome.alarms as unknown as { clearAll(): Promise<boolean> }).clearAll());
    await worker.close();
    helper = await dbHelperPage(ext.browser, ext.extensionId);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('the side panel shows the backup and the upgrade, then every clip is indexed and searchable', async () => {
    await buildVersion1(helper);
    const panel = await openPanel(ext);
    await waitForQueue(panel);
    expect(await panel.$eval('.fatal', (element) => element.textContent).catch(() => null)).toBeNull();
    const seen = await openingSeen(panel);
    expect(
      seen.some((text) => /^Backing up your data before the upgrade: \d+ %$/.test(text)),
      seen.join(' | '),
    ).toBe(true);
    // Step 2 says how far it is, counted against every clip the database holds.
    expect(seen, seen.join(' | ')).toContain(`Updating the search index: 0 of ${(CLIPS + 1).toLocaleString('en')} clips`);
    const stepSentence = new RegExp(`^Updating the search index: ([\\d,]+) of ${(CLIPS + 1).toLocaleString('en')} clips$`);
    const indexed = seen.flatMap((text) => stepSentence.exec(text)?.[1] ?? []).map((count) => Number(count.replaceAll(',', '')));
    expect(indexed.filter((count) => count > 0 && count < CLIPS + 1).length, seen.join(' | ')).toBeGreaterThan(0);
    // Step 5 too, counting the clips into the queue's tally.
    const counting = new RegExp(`^Counting clips for the queue: [\\d,]+ of ${(CLIPS + 1).toLocaleString('en')} clips$`);
    expect(
      seen.some((text) => counting.test(text)),
      seen.join(' | '),
    ).toBe(true);

    expect(await backupState(helper)).toEqual({ sourceVersion: DB_VERSION, exists: true, isComplete: true, rows: ROWS });
    expect(await databaseState(helper)).toEqual({ version: DB_VERSION, clips: CLIPS + 1, clipTerms: CLIPS + 1, espresso: CLIPS / WORDS.length });
    const box = await panel.waitForSelector('[role="search"] input[type="search"]');
    await box!.type('espresso');
    await panel.waitForSelector(`[data-testid="match-count"][data-query="espresso"][data-total="${CLIPS / WORDS.length}"]`, { timeout: 10_000 });
    await panel.close();
  });

  it('a backup cut off halfway (its page closed) is not taken for complete, and the next start redoes it', async () => {
    await buildVersion1(helper);
    const first = await openPanel(ext);
    await first.waitForFunction(() => /: [1-9]\d? %$/.test(document.querySelector('.opening p')?.textContent ?? ''), { timeout: 30_000, polling: 'mutation' });
    await first.close();
    expect(await backupState(helper)).toEqual({ sourceVersion: 1, exists: true, isComplete: false, rows: null });

    const second = await openPanel(ext);
    await waitForQueue(second);
    expect(await backupState(helper)).toEqual({ sourceVersion: DB_VERSION, exists: true, isComplete: true, rows: ROWS });
    expect(await databaseState(helper)).toMatchObject({ version: DB_VERSION, clipTerms: CLIPS + 1 });
    await second.close();
  });

  it('a page closed while step 2 indexes aborts the whole upgrade: the next start redoes it, every clip indexed, none lost', async () => {
    await buildVersion1(helper);
    const before = await clipsDigest(helper);
    const first = await openPanel(ext);
    // The bar is mid-way: some clips indexed, not all.
    const midway = await first.waitForFunction(
      () => {
        const match = /^Updating the search index: ([\d,]+) of ([\d,]+) clips$/.exec(document.querySelector('.opening p')?.textContent ?? '');
        const [done, total] = (match?.slice(1) ?? []).map((count) => Number(count.replaceAll(',', '')));
        const bar = document.querySelector('[role="progressbar"]');
        return done! > 0 && done! < total! && bar?.getAttribute('aria-valuenow') === String(done) ? `${done} of ${total}` : false;
      },
      { timeout: 60_000, polling: 'mutation' },
    );
    const progress = await midway.jsonValue();
    await first.close();

    // The versionchange transaction died with its page. Opening the database waits for it to be
    // over (open requests queue behind an upgrade; `indexedDB.databases()` meanwhile reports the
    // version being upgraded to), then shows version 1 as it was: no index store, no clip changed.
    expect(await storeNames(helper), `closed at ${progress}`).not.toContain('clipTerms');
    expect(await backupState(helper)).toMatchObject({ sourceVersion: 1, isComplete: true, rows: ROWS });
    expect(await clipsDigest(helper)).toEqual(before);

    const second = await openPanel(ext);
    await waitForQueue(second);
    expect(await second.$('.fatal')).toBeNull();
    expect(await databaseState(helper)).toEqual({ version: DB_VERSION, clips: CLIPS + 1, clipTerms: CLIPS + 1, espresso: CLIPS / WORDS.length });
    expect(await clipsDigest(helper)).toEqual(before);
    await second.close();
  });

  it('two side panels opened at once: one context backs up and upgrades, the others wait and show its progress', async () => {
    await buildVersion1(helper);
    // Every context announces its own backup start and upgrade on this channel (lib/store/upgrade-lock.ts).
    await helper.evaluate(() => {
      const announced: unknown[] = [];
      const channel = new BroadcastChannel('cadence-upgrade');
      channel.onmessage = (event) => announced.push(event.data);
      Object.assign(window, { announced, channel });
    });
    const panels = await Promise.all([openPanel(ext), openPanel(ext)]);
    await Promise.all(panels.map(waitForQueue));
    const announced = await helper.evaluate(() => (window as unknown as { announced: { phase: string; copied?: number }[] }).announced);
    expect(announced.filter((p) => p.phase === 'backup' && p.copied === 0)).toHaveLength(1);
    expect(announced.filter((p) => p.phase === 'upgrade')).toHaveLength(1);

    // One context copied (above); which one is a race the service worker, woken by the panels'
    // first messages, may win too — then both panels wait. Every one that waited showed progress.
    const seen = await Promise.all(panels.map(openingSeen));
    const waited = seen.filter((texts) => texts.some((text) => text.startsWith('Another Cadence window is upgrading')));
    expect(waited.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(1);
    for (const texts of waited) {
      expect(texts.some((text) => text.startsWith('Backing up your data before the upgrade'))).toBe(true);
      expect(
        texts.some((text) => text.startsWith('Updating the search index: ')),
        texts.join(' | '),
      ).toBe(true);
    }
    expect(await backupState(helper)).toEqual({ sourceVersion: DB_VERSION, exists: true, isComplete: true, rows: ROWS });
    for (const panel of panels) await panel.close();
  });
});
