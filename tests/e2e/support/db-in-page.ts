import { resolve } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { build } from 'rolldown';

/** What `window.cadenceDb` holds in a page prepared by `dbHelperPage`. */
export type DbHelper = typeof import('./db-helper.entry.ts').helper;

let bundled: Promise<string> | undefined;

/** lib/store's own open/upgrade code as one script (rolldown, IIFE), built once per process. */
export function bundleDbHelper(): Promise<string> {
  bundled ??= build({
    input: resolve('tests/e2e/support/db-helper.entry.ts'),
    resolve: { alias: { '@': resolve('.') } },
    write: false,
    logLevel: 'silent',
    output: { format: 'iife' },
  }).then((result) => {
    const chunk = result.output.find((file) => file.type === 'chunk');
    if (!chunk || chunk.type !== 'chunk') throw new Error('rolldown produced no bundle for the database helper');
    return chunk.code;
  });
  return bundled;
}

/**
 * A page in the extension's origin that opens no database by itself (its 16 px icon), with
 * `window.cadenceDb` set: older database versions are built there by the product's ladder.
 */
export async function dbHelperPage(browser: Browser, extensionId: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${extensionId}/icon-16.png`);
  await page.evaluate(await bundleDbHelper());
  return page;
}

/**
 * Writes clips as the product's clips collection does (the row, its search terms, the counts), in
 * a page made by `dbHelperPage`; open views see them after a reload (no change is announced).
 */
export async function putClipsInPage(page: Page, clips: unknown[]): Promise<void> {
  await page.evaluate(async (rows) => {
    const { cadenceDb } = globalThis as unknown as { cadenceDb: DbHelper };
    const db = await cadenceDb.openCadenceDb();
    const clips = rows.map((row) => cadenceDb.clipSchema.parse(row));
    const tx = db.transaction(['clips', 'clipTerms', 'clipTally'], 'readwrite');
    for (const clip of clips) {
      void tx.objectStore('clips').put(clip);
      void tx.objectStore('clipTerms').put(cadenceDb.clipTermsOf(clip));
    }
    // New keys only: nothing was stored under them before.
    await cadenceDb.tallyClipChanges(
      tx as never,
      clips.map((after) => ({ before: undefined, after })),
    );
    await tx.done;
    db.close();
  }, clips);
}
