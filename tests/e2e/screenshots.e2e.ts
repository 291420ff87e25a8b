import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';
import { seedTour, TOUR_VIEWS } from './support/tour-seed';

/**
 * The README's tour: one screenshot of each view, taken from the built extension with a day of a
 * manager's work in it (docs/screenshots/*.png). The rows are seeded straight into the extension's
 * database so every run draws the same picture; the flows themselves are tested elsewhere.
 */
const OUT = resolve('docs/screenshots');
const now = Date.now();
const SAMPLE_POST =
  'Our winter blend is back: dark chocolate, orange peel and a long finish. Notes from @northwind.bsky.social https://northwind.coffee/winter #winterblend';

describe('README screenshots of every view', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 440, height: 860 });
    await seedTour(panel, now);
  });
  afterAll(async () => {
    await ext?.close();
  });

  for (const [view, ready] of TOUR_VIEWS) {
    it(`shows ${view}`, async () => {
      await panel.show(view);
      await panel.page.waitForSelector(ready, { timeout: 15_000 });
      // A view's own first read shows a LoadingState; the picture is of the rows, not of that.
      await panel.page.waitForFunction(() => !document.querySelector('[data-testid="loading-state"]'), { timeout: 15_000 });
      if (view === 'Compose') {
        // Compose is about the writing: show a post being written, with its previews beside it.
        await panel.page.type('textarea', SAMPLE_POST);
        await panel.page.waitForFunction((text) => document.body.textContent!.includes(text), {}, '#winterblend');
      }
      await panel.page.evaluate(() => document.fonts.ready);
      const file = resolve(OUT, `${view.toLowerCase()}.png`);
      const shot = await panel.page.screenshot({ path: file, fullPage: view === 'Compose' }); // Compose down to its previews
      expect(shot.byteLength).toBeGreaterThan(10_000); // a real picture, not a blank page
    });
  }

  it('shows the calendar in dark mode', async () => {
    await panel.page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
    await panel.show('Calendar');
    await panel.page.waitForSelector('.chip__button');
    const shot = await panel.page.screenshot({ path: resolve(OUT, 'calendar-dark.png') });
    expect(shot.byteLength).toBeGreaterThan(10_000);
  });
});
