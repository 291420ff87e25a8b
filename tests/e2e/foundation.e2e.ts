import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerState } from '@/lib/model';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

const VIEWS = ['Queue', 'Compose', 'Calendar', 'Inbox', 'Listening', 'Insights', 'Settings'];

describe('the built extension in Chromium', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('moves through every view by keyboard alone', async () => {
    await panel.page.bringToFront();
    await panel.page.waitForSelector('#workspace-switcher');
    await panel.press('Tab'); // the header's workspace switcher comes first
    expect(await panel.page.evaluate(() => document.activeElement?.id)).toBe('workspace-switcher');
    await panel.press('Tab');
    expect(await panel.focusedText()).toBe('Queue');
    const headings: string[] = [];
    for (const view of VIEWS.slice(1)) {
      await panel.press('ArrowRight');
      expect(await panel.selectedView()).toBe(view);
      expect(await panel.focusedText()).toBe(view);
      headings.push(await panel.panelHeading());
    }
    expect(headings.every((heading) => heading.length > 0)).toBe(true);
    await panel.press('ArrowRight'); // wraps around
    expect(await panel.selectedView()).toBe('Queue');
    await panel.press('End');
    expect(await panel.selectedView()).toBe('Settings');
    await panel.page.keyboard.down('Alt');
    await panel.press('4');
    await panel.page.keyboard.up('Alt');
    expect(await panel.selectedView()).toBe('Inbox');
    await panel.press('Tab'); // out of the tab bar, into the view
    expect(await panel.page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tabpanel');
    await panel.page.keyboard.down('Alt');
    await panel.press('1');
    await panel.page.keyboard.up('Alt');
    expect(await panel.panelHeading()).toBe('Your queue is empty');
  });

  it('shows a clip written by the background live in the open side panel', async () => {
    const worker = await ext.worker();
    await worker.evaluate(() => {
      // A real context-menu click cannot be made over CDP; dispatch runs the registered listener.
      chrome.contextMenus.onClicked.dispatch(
        {
          menuItemId: 'clip-link',
          linkUrl: 'http://127.0.0.1:9/story?utm_source=news&id=7',
          linkText: 'A story worth sharing',
          pageUrl: 'http://127.0.0.1:9/',
        },
        { id: -1, title: 'Front page' },
      );
    });
    await panel.waitForClip('A story worth sharing');
    const href = await panel.page.$eval('.clip-card__title', (link) => link.getAttribute('href'));
    expect(href).toBe('http://127.0.0.1:9/story?id=7');
  });

  it('comes back on an alarm after the service worker is stopped, with its state intact', async () => {
    const before = (await panel.readRow('meta', 'worker')) as WorkerState;
    expect(before.starts).toBeGreaterThanOrEqual(1);
    const target = await ext.workerTarget();
    const worker = (await target.worker())!;
    await worker.evaluate(() => chrome.alarms.create('maintenance', { when: Date.now() + 1500, periodInMinutes: 15 }));
    await worker.close();

    await ext.nextWorker(target);
    await panel.page.waitForFunction(
      (runs) =>
        new Promise((resolve) => {
          const open = indexedDB.open('cadence');
          open.onsuccess = () => {
            const get = open.result.transaction('meta').objectStore('meta').get('worker');
            get.onsuccess = () => {
              open.result.close();
              resolve((get.result?.alarmRuns?.maintenance ?? 0) > runs);
            };
          };
        }),
      { timeout: 20_000, polling: 200 },
      before.alarmRuns.maintenance ?? 0,
    );
    const after = (await panel.readRow('meta', 'worker')) as WorkerState;
    expect(after.starts).toBe(before.starts + 1);
    expect(after.alarmRuns.maintenance).toBe((before.alarmRuns.maintenance ?? 0) + 1);
    expect(await panel.clipTitles()).toContain('A story worth sharing');
    const settings = (await panel.readRow('settings', 'settings')) as { activeWorkspaceId: string | null };
    expect(settings.activeWorkspaceId).toMatch(/^ws_/);
  });

  it('ran all of the above with no error in the service worker console', () => {
    expect(ext.workerErrors).toEqual([]);
  });
});
