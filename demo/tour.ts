// The demo's tour (issue 24, "a demo that shows itself"): each view of the running demo's side
// panel as a PNG, and one self-contained HTML page of them (the images are inside it), so a
// newcomer on a machine without a display still has something to look at.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';

/** The views in the order a manager's day goes, each with what the tour says of it. */
export const TOUR_STOPS = [
  ['Queue', 'What you clipped while browsing, ready to share.'],
  ['Compose', 'Write once, adjust per network, add to the queue.'],
  ['Calendar', 'The plan: what goes out when, on which account.'],
  ['Inbox', 'Replies and mentions, answered from here.'],
  ['Listening', 'Streams of what people say about you and your topics.'],
  ['Insights', 'What worked: reach, engagement and the best times to post.'],
  ['Settings', 'Workspaces, accounts, posting schedules and backups.'],
] as const;

/** The side panel's width in Chromium, and a height that shows a view's first screen. */
const VIEWPORT = { width: 420, height: 900 };

export interface Tour {
  dir: string;
  html: string;
  shots: string[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Takes the tour in a new tab of `browser` and writes it to `dir` (emptied first). */
export async function writeTour(browser: Browser, extensionId: string, dir: string): Promise<Tour> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const page = await browser.newPage();
  try {
    await page.setViewport(VIEWPORT);
    await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await page.waitForSelector('[role="tab"]');
    const shots: string[] = [];
    for (const [index, [view]] of TOUR_STOPS.entries()) {
      const tab = await page.waitForSelector(`::-p-xpath(//*[@role="tab"][normalize-space()="${view}"])`, { timeout: 10_000 });
      await tab!.click();
      await page.waitForFunction((name) => document.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.trim() === name, {}, view);
      // A view reads its rows after it is shown: let it draw them before the picture.
      await page.waitForNetworkIdle({ idleTime: 300, timeout: 5_000 }).catch(() => undefined);
      await new Promise((done) => setTimeout(done, 400));
      const file = join(dir, `${String(index + 1).padStart(2, '0')}-${view.toLowerCase()}.png`);
      await page.screenshot({ path: file as `${string}.png` });
      shots.push(file);
    }
    const html = join(dir, 'index.html');
    writeFileSync(html, tourPage(shots));
    return { dir, html, shots };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** One page, no outside requests: every picture is a data: URL. */
function tourPage(shots: string[]): string {
  const figures = TOUR_STOPS.map(([view, words], index) => {
    const png = readFileSync(shots[index]!).toString('base64');
    return `<figure><img src="data:image/png;base64,${png}" alt="The ${escapeHtml(view)} view of Cadence's side panel" width="${VIEWPORT.width}"><figcaption><strong>${escapeHtml(view)}</strong> — ${escapeHtml(words)}</figcaption></figure>`;
  }).join('\n');
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cadence demo — a tour of the side panel</title>
<style>
  :root { color-scheme: light dark; font: 16px/1.5 system-ui, sans-serif; }
  body { margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
  main { display: flex; flex-wrap: wrap; gap: 2rem; }
  figure { margin: 0; width: ${VIEWPORT.width}px; }
  img { display: block; max-width: 100%; height: auto; border: 1px solid #8884; border-radius: 8px; }
  figcaption { margin-top: .5rem; }
</style>
<h1>A tour of Cadence</h1>
<p>The side panel of the running demo, connected to a local Bluesky network: nothing here left this machine.</p>
<main>
${figures}
</main>
</html>
`;
}
