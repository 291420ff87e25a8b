import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from './launch';

/** What the upgrade e2e tests (upgrade.e2e.ts, upgrade-background.e2e.ts) read and do alike. */

/**
 * Every clip as stored, digested (SHA-256 of their JSON in key order), read without opening the
 * database through the ladder: an upgrade cut off must leave them as they were, and so must one that completes.
 */
export async function clipsDigest(helper: Page) {
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

/** Stops every context that may run the work: the panel closed, the worker terminated through CDP (Target.closeTarget). */
export async function killAll(ext: ExtensionBrowser, panel: Page) {
  await panel.close();
  const target = ext.browser.targets().find((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'));
  await (await target?.worker())?.close();
}
