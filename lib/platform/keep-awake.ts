import { browser } from './browser';

/** Chrome stops an extension's service worker after 30 s without an event or extension API call. */
const CALL_EVERY_MS = 20_000;

/**
 * A pause between two batches of long work in the worker (the upgrade's, lib/store/upgrade-work)
 * that also keeps the worker alive while the work lasts: Chrome resets the worker's idle timer on
 * every extension API call (developer.chrome.com, "The extension service worker lifecycle",
 * Chrome 110+). Without it a 100,000-clip index would stop every 30 s and wait for the next event.
 */
export function keepAwakePause({ gapMs = 0, now = Date.now }: { gapMs?: number; now?: () => number } = {}): () => Promise<void> {
  let last = now();
  return async () => {
    if (now() - last >= CALL_EVERY_MS) {
      last = now();
      await browser.runtime.getPlatformInfo().catch(() => undefined);
    }
    // The gap lets other contexts' transactions on the same stores in between two batches.
    await new Promise((done) => setTimeout(done, gapMs));
  };
}
