import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_VERSION } from '@/lib/store/migrations';
import { clipTermsOf } from '@/lib/store/search/terms';
import { makeClip } from '../unit/factories';
import { dbHelperPage, type DbHelper } from './support/db-in-page';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';
import { clipsDigest, killAll } from './support/upgrade-in-page';

/**
 * Issue 20, "Upgrades never lock the user out", in real Chromium: a version-2 database of CLIPS
 * clips (the shape users had before version 3: terms rows `{ id, terms }`, no counts) opened by
 * the real side panel. The panel is interactive while the upgrade's work runs after the version
 * change; the work is killed mid-way at several points (the panel closed and the worker terminated
 * through CDP; the worker alone terminated while the panel stays open) and resumes each time from
 * where it stopped. At the end every clip is as it was, indexed and counted, the backup complete.
 *
 * CLIPS is 20,000, not the bench's 100,000 (bench/migration.ts): 20 batches of the worker's 1,000
 * per task, so every kill lands mid-way, in a run that stays within a few minutes on a shared
 * 2-core machine.
 */
const CLIPS = 20_000;
const WORDS = ['espresso', 'roastery', 'harvest', 'barista'];
const TASKS =
  /^Finishing the update in the background\. (Counting clips for the queue|Backing up your data before changing any of it|Building the search index|Removing the old search index): ([\d,]+)(?: of ([\d,]+) clips| %)/;

declare const cadenceDb: DbHelper;

function clipRows() {
  return Array.from({ length: CLIPS }, (_, i) =>
    makeClip({
      id: `clip_big_${String(i).padStart(6, '0')}`,
      workspaceIds: ['ws_acme'],
      title: `${WORDS[i % WORDS.length]} notes ${i}`,
      text: 'Short enough to build quickly, long enough to be a clip.',
      capturedAt: 1_700_000_000_000 + i * 1000,
      updatedAt: 1_700_000_000_000 + i * 1000,
    }),
  );
}

/** A version-2 database as users had it: clips and their v2 terms rows (words and facets, no workspace terms, no capturedAt). */
async function buildVersion2(helper: Page): Promise<void> {
  await helper.evaluate(async () => {
    for (const info of await indexedDB.databases()) {
      await new Promise<void>((done, fail) => {
        const request = indexedDB.deleteDatabase(info.name!);
        request.onsuccess = () => done();
        request.onerror = () => fail(request.error);
        request.onblocked = () => fail(new Error(`deleting ${info.name} is blocked by an open connection`));
      });
    }
    // From nothing to version 2: steps 1 and 2 make the stores; a new database schedules no work.
    (await cadenceDb.openCadenceDb({ version: 2, backup: false })).close();
  });
  const clips = clipRows();
  // Computed here, in Node, with the product's own term rules: as step 2 wrote them, less today's workspace terms.
  const terms = clips.map((clip) => ({
    id: clip.id,
    terms: clipTermsOf(clip)
      .termsAt.map(([term]) => term)
      .filter((term) => !term.startsWith('\u0001workspace:')),
  }));
  for (let start = 0; start < CLIPS; start += 2000) {
    await helper.evaluate(
      async (clipBatch, termBatch) => {
        const db = await cadenceDb.openCadenceDb({ version: 2, backup: false });
        const tx = db.transaction(['clips', 'clipTerms'], 'readwrite');
        for (const clip of clipBatch) void tx.objectStore('clips').put(clip);
        for (const row of termBatch) void tx.objectStore('clipTerms').put(row);
        await tx.done;
        db.close();
      },
      clips.slice(start, start + 2000),
      terms.slice(start, start + 2000),
    );
  }
}

interface Stored {
  version: number;
  work: { backup: unknown; tasks: { task: string; done: number; after: string | null }[] } | null;
  newTerms: number;
  oldTerms: number;
  tallyBuilding: boolean;
  tallyClips: number | null;
  backup: { exists: boolean; isComplete: boolean; rows: number | null; copied: number | null };
}

/** The database and its backup as they are, read raw (no ladder, no upgrade). */
async function storedState(helper: Page): Promise<Stored> {
  return helper.evaluate(async () => {
    const open = (name: string) =>
      new Promise<IDBDatabase>((done, fail) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => done(request.result);
        request.onerror = () => fail(request.error);
      });
    const read = <T>(db: IDBDatabase, store: string, query: IDBValidKey | null = null) =>
      new Promise<T>((done, fail) => {
        const request = query === null ? db.transaction(store).objectStore(store).getAll() : db.transaction(store).objectStore(store).get(query);
        request.onsuccess = () => done(request.result as T);
        request.onerror = () => fail(request.error);
      });
    const db = await open('cadence');
    const terms = await read<Record<string, unknown>[]>(db, 'clipTerms');
    const hasTally = db.objectStoreNames.contains('clipTally');
    const tally = hasTally ? await read<{ id: string; clips?: number }[]>(db, 'clipTally') : [];
    const state = {
      version: db.version,
      work: (await read<Stored['work'] | undefined>(db, 'meta', 'upgrade-work')) ?? null,
      newTerms: terms.filter((row) => Array.isArray(row.termsAt)).length,
      // Step 4 keeps the old rows aside until the backup holds them (lib/store/upgrade-work/work-state.ts OLD_TERMS).
      oldTerms: db.objectStoreNames.contains('clipTermsBeforeV4') ? (await read<unknown[]>(db, 'clipTermsBeforeV4')).length : 0,
      tallyBuilding: tally.some((row) => row.id === 'building'),
      tallyClips: tally.find((row) => row.id === 'all')?.clips ?? null,
    };
    db.close();
    const name = cadenceDb.backupDbName('cadence', 2);
    const exists = (await indexedDB.databases()).some((info) => info.name === name);
    let backup = { exists, isComplete: false, rows: null as number | null, copied: null as number | null };
    if (exists) {
      const copy = await open(name);
      if (copy.objectStoreNames.contains('__about')) {
        const about = await read<{ rows: number } | undefined>(copy, '__about', 'about');
        const progress = await read<{ copied: number } | undefined>(copy, '__about', 'progress');
        backup = { exists, isComplete: about !== undefined, rows: about?.rows ?? null, copied: progress?.copied ?? null };
      }
      copy.close();
    }
    return { ...state, backup };
  });
}

/** A side panel tab whose upgrade-work sentences are recorded as they change. */
async function openPanel(ext: ExtensionBrowser): Promise<Page> {
  const page = await ext.browser.newPage();
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as { workSeen: string[] }).workSeen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="upgrade-work"] p')?.textContent;
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`, { waitUntil: 'domcontentloaded' });
  return page;
}

const workSeen = (page: Page) => page.evaluate(() => (window as unknown as { workSeen: string[] }).workSeen);
const parsed = (text: string) => {
  const match = TASKS.exec(text);
  if (!match) return null;
  const number = (words: string | undefined) => (words === undefined ? null : Number(words.replaceAll(',', '')));
  return { task: match[1]!, done: number(match[2])!, total: number(match[3]) };
};

/** Waits until the panel says one of `tasks` is mid-way (some done, not all), and returns what it said. */
async function waitForMidway(page: Page, tasks: string[]) {
  const handle = await page.waitForFunction(
    (source, wanted) => {
      const match = new RegExp(source).exec(document.querySelector('[data-testid="upgrade-work"] p')?.textContent ?? '');
      if (!match || !wanted.includes(match[1]!)) return false;
      const done = Number(match[2]!.replaceAll(',', ''));
      const total = match[3] === undefined ? 100 : Number(match[3].replaceAll(',', ''));
      return done > 0 && done < total ? match[0] : false;
    },
    { timeout: 120_000, polling: 'mutation' },
    TASKS.source,
    tasks,
  );
  return handle.jsonValue() as Promise<string>;
}

describe('a big version-2 database upgraded in the background, killed and resumed', () => {
  let ext: ExtensionBrowser;
  let helper: Page;

  beforeAll(async () => {
    ext = await launchWithExtension();
    const worker = await ext.worker();
    await worker.evaluate(() => (chrome.alarms as unknown as { clearAll(): Promise<boolean> }).clearAll());
    await worker.close();
    helper = await dbHelperPage(ext.browser, ext.extensionId);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('the panel is interactive at once and stays so; killed at three points, the work resumes each time; every clip is intact, indexed, counted and backed up', async () => {
    await buildVersion2(helper);
    const before = await clipsDigest(helper);
    expect(before.count).toBe(CLIPS);

    // 1. Opened: the queue lists clips while the work has barely begun.
    let panel = await openPanel(ext);
    await panel.waitForSelector('[data-testid="clip-list"] li', { timeout: 30_000 });
    const interactiveMs = await panel.evaluate(() => performance.now());
    console.log(`[e2e] side panel open → clips listed on a v2 database of ${CLIPS} clips: ${Math.round(interactiveMs)} ms`);
    expect(await panel.$('[data-testid="upgrade-work"]')).not.toBeNull();

    // 2. Kill point 1: the counts (first: they fill a new store) mid-way — the panel closed and the worker terminated.
    const first = await waitForMidway(panel, ['Counting clips for the queue', 'Building the search index']);
    await killAll(ext, panel);
    const afterFirst = await storedState(helper);
    expect(afterFirst.version, first).toBe(DB_VERSION);
    expect(afterFirst.work, first).not.toBeNull();
    expect(afterFirst.oldTerms, 'the old terms rows kept aside, untouched').toBe(CLIPS);
    expect(await clipsDigest(helper)).toEqual(before);

    // 3. Reopened: search answers meanwhile, and says plainly that the index is still being built.
    panel = await openPanel(ext);
    const box = await panel.waitForSelector('[role="search"] input[type="search"]', { timeout: 30_000 });
    await box!.type('espresso');
    const note = await panel.waitForSelector('[data-testid="index-building"]', { timeout: 20_000 });
    expect(await note!.evaluate((element) => element.textContent)).toMatch(
      new RegExp(`^Search index still being built: [\\d,]+ of ${CLIPS.toLocaleString('en')} clips — results may be missing some$`),
    );
    await panel.waitForSelector('[data-testid="match-count"][data-query="espresso"]', { timeout: 10_000 });
    // Kill point 2: the index (or, on a fast run, the backup) mid-way, the worker alone terminated: the panel stays open and takes over.
    const second = await waitForMidway(panel, ['Building the search index', 'Backing up your data before changing any of it']);
    const resumed = (await workSeen(panel)).map(parsed).filter((said) => said !== null);
    const firstAfterReopen = resumed[0]!;
    const stoppedAt = parsed(first)!;
    if (firstAfterReopen.task === stoppedAt.task)
      expect(firstAfterReopen.done, `resumed, not restarted: ${first} → ${JSON.stringify(firstAfterReopen)}`).toBeGreaterThanOrEqual(stoppedAt.done);
    const indexedBefore = (await storedState(helper)).newTerms;
    const target = ext.browser.targets().find((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'));
    await (await target?.worker())?.close();

    // 4. Kill point 3: the backup copy (or, on a fast run, the emptying of the old rows after it) mid-way — everything stopped again.
    await new Promise((done) => setTimeout(done, 1500));
    const third = await waitForMidway(panel, ['Backing up your data before changing any of it', 'Removing the old search index']);
    console.log(`[e2e] killed at: ${first} | ${second} (worker only) | ${third}`);
    await killAll(ext, panel);
    const afterThird = await storedState(helper);
    expect(afterThird.newTerms, `${second}, then ${third}`).toBe(CLIPS);
    expect(afterThird.newTerms).toBeGreaterThanOrEqual(indexedBefore);
    if (parsed(third)!.task.startsWith('Backing up')) {
      expect(afterThird.backup).toMatchObject({ exists: true, isComplete: false });
      expect(afterThird.backup.copied).toBeGreaterThan(0);
      expect(afterThird.oldTerms, 'the old rows stay until the backup is sealed').toBe(CLIPS);
    } else {
      expect(afterThird.backup).toMatchObject({ exists: true, isComplete: true });
      expect(afterThird.oldTerms).toBeLessThan(CLIPS);
    }
    expect(afterThird.tallyClips).toBe(CLIPS);
    expect(await clipsDigest(helper)).toEqual(before);

    // 5. Reopened once more: the work finishes; search is complete.
    panel = await openPanel(ext);
    await panel.waitForSelector('[data-testid="clip-list"] li', { timeout: 30_000 });
    await panel.waitForFunction(() => !document.querySelector('[data-testid="upgrade-work"]'), { timeout: 150_000, polling: 1000 });
    const end = await storedState(helper);
    expect(end).toMatchObject({ version: DB_VERSION, work: null, newTerms: CLIPS, oldTerms: 0, tallyBuilding: false, tallyClips: CLIPS });
    // Every clip and every terms row, plus the rows of the other stores (the settings a first start writes).
    expect(end.backup.isComplete).toBe(true);
    expect(end.backup.rows).toBeGreaterThanOrEqual(2 * CLIPS);
    expect(await clipsDigest(helper)).toEqual(before);
    const search = await panel.waitForSelector('[role="search"] input[type="search"]');
    await search!.type('espresso');
    await panel.waitForSelector(`[data-testid="match-count"][data-query="espresso"][data-total="${CLIPS / WORDS.length}"]`, { timeout: 20_000 });
    expect(await panel.$('[data-testid="index-building"]')).toBeNull();
    await panel.close();
  }, 300_000);
});
