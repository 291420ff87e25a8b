import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';
import { seedTour, TOUR_VIEWS } from './support/tour-seed';

/**
 * Accessibility of every view (issue 24): axe-core runs in the real side panel, seeded with a day of
 * work, on every view in light and dark, at a narrow side panel's 360 px and a desktop tab's 1280 px.
 * No serious or critical violation may remain. axe is evaluated over CDP (Runtime.evaluate is not
 * subject to the extension page's CSP), so the e2e suite needs only axe-core, not @axe-core/puppeteer.
 */
const AXE_SOURCE = readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8');
const THEMES = ['light', 'dark'] as const;
const WIDTHS = [360, 1280] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

describe('axe on every view', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await seedTour(panel);
  }, 60_000);
  afterAll(async () => {
    await ext?.close();
  });

  async function seriousViolations(): Promise<Violation[]> {
    const hasAxe = await panel.page.evaluate(() => 'axe' in window);
    if (!hasAxe) await panel.page.evaluate(AXE_SOURCE);
    return panel.page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run(
              context: Document,
              options: object,
            ): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }>;
          };
        }
      ).axe;
      const { violations } = await axe.run(document, { resultTypes: ['violations'] });
      return violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
    });
  }

  for (const theme of THEMES) {
    for (const width of WIDTHS) {
      it(`has no serious or critical violations in ${theme} at ${width} px`, async () => {
        await panel.page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);
        await panel.page.setViewport({ width, height: 900 });
        const found: Record<string, Violation[]> = {};
        for (const [view, ready] of TOUR_VIEWS) {
          await panel.show(view);
          await panel.page.waitForSelector(ready, { timeout: 15_000 });
          const violations = await seriousViolations();
          if (violations.length) found[view] = violations;
        }
        expect(found).toEqual({});
      }, 120_000);
    }
  }
});
