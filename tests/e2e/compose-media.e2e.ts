import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, Delivery, Post, Settings, Workspace } from '@/lib/model';
import { atLocalTime, localDate } from '@/lib/schedule/local-time';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';
import { noisyPng } from './support/png';

const ZONE = 'America/New_York';
const DAY = 86_400_000;

function account(id: string, workspaceId: string, network: 'bluesky' | 'mastodon', handle: string): Account {
  return {
    v: 1,
    id,
    workspaceId,
    network,
    handle,
    displayName: handle,
    avatarUrl: null,
    serverUrl: network === 'bluesky' ? 'https://bsky.social' : 'https://mastodon.social',
    remoteId: null,
    publishMode: 'api',
    status: 'connected',
    statusReason: null,
    limits: {
      maxCharacters: network === 'bluesky' ? 300 : 500,
      charactersPerUrl: network === 'bluesky' ? null : 23,
      maxImages: 4,
      maxImageBytes: network === 'bluesky' ? 1_000_000 : 16_000_000,
    },
    schedule: [],
    createdAt: 1,
    updatedAt: 1,
  };
}

/** Rows of the composer's own database ('cadence-media'), as stored. */
interface StoredMedia {
  key: string;
  bytes: number;
  size: number;
  type: string;
  width: number;
  height: number;
}
async function storedMedia(panel: SidePanel): Promise<StoredMedia[]> {
  return panel.page.evaluate(
    () =>
      new Promise<StoredMedia[]>((resolve, reject) => {
        const open = indexedDB.open('cadence-media');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('media').objectStore('media').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(
              request.result.map((row: { key: string; bytes: number; blob: Blob; width: number; height: number }) => ({
                key: row.key,
                bytes: row.bytes,
                size: row.blob.size,
                type: row.blob.type,
                width: row.width,
                height: row.height,
              })),
            );
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** Sets a controlled input's value the way typing does (React listens to `input`). */
async function setValue(field: ElementHandle, value: string): Promise<void> {
  await field.evaluate((element, next) => {
    const input = element as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, next);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

describe('composer media, templates, Schedule at… and the calendar in Chromium', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let files: string;
  let bluesky: Account;

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'cadence-media-'));
    writeFileSync(join(files, 'photo.png'), noisyPng(2400, 1800));
    writeFileSync(join(files, 'notes.txt'), 'not an image');
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="active-workspace"]')?.textContent !== 'No workspace yet');
    const settings = (await panel.readRow('settings', 'settings')) as Settings;
    const workspace = (await panel.readRow('workspaces', settings.activeWorkspaceId!)) as Workspace;
    await panel.putRows('workspaces', [{ ...workspace, timeZone: ZONE }]);
    bluesky = account('acct_bsky', workspace.id, 'bluesky', 'ada.bsky.social');
    await panel.putRows('accounts', [bluesky, account('acct_masto', workspace.id, 'mastodon', 'ada@mastodon.social')]);
    await panel.page.reload({ waitUntil: 'load' });
    await panel.show('Compose');
    await panel.typeSharedText('New chart of the week');
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('attaches an image from disk, resized under Bluesky’s limit with visible progress, and refuses a non-image', async () => {
    // Record every text the progress line shows, so a fast resize cannot hide it from the test.
    await panel.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      const target = document.querySelector('[data-testid="media-progress"]')!;
      new MutationObserver(() => seen.push(target.textContent ?? '')).observe(target, { subtree: true, childList: true, characterData: true });
    });
    const input = (await panel.page.waitForSelector('input[type="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(join(files, 'photo.png'));
    await panel.page.waitForSelector('[data-media] img', { timeout: 30_000 });
    const progress = await panel.page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    expect(progress.some((text) => text.includes('Resizing photo.png (1 of 1)'))).toBe(true);

    const [row, ...others] = await storedMedia(panel);
    expect(others).toEqual([]);
    expect(row!.size).toBeLessThanOrEqual(1_000_000);
    expect(row!.size).toBe(row!.bytes);
    expect(row!.type).toBe('image/jpeg');
    expect(Math.max(row!.width, row!.height)).toBeLessThanOrEqual(2000);
    expect(row!.width / row!.height).toBeCloseTo(2400 / 1800, 1);

    await input.uploadFile(join(files, 'notes.txt'));
    const errors = await panel.status('media-errors');
    expect(errors).toMatch(/notes\.txt: .*not an image/);
    expect(await panel.page.$$('[data-media]')).toHaveLength(1);
  });

  it('warns about missing alt text, focuses the field in one click, and will not queue without it', async () => {
    const warning = await panel.status('media-warnings');
    expect(warning).toMatch(/Image 1 has no alt text, which @ada\.bsky\.social and @ada@mastodon\.social need before posting/);
    await panel.clickButton('Add alt text');
    const focused = await panel.page.evaluate(() => document.activeElement?.id ?? '');
    const mediaId = await panel.page.$eval('[data-media]', (element) => (element as HTMLElement).dataset.media!);
    expect(focused).toBe(`alt-${mediaId}`);

    await panel.clickButton('Add to queue');
    expect(await panel.status('compose-status')).toMatch(/^Add alt text to image 1 first/);
    expect(await panel.readAll('deliveries')).toEqual([]);

    await panel.page.keyboard.type('Bar chart: posts per network this week', { delay: 0 });
    await panel.page.waitForSelector('[data-testid="media-warnings"]', { hidden: true });
  });

  it('saves the text as a template and inserts it at the cursor from the keyboard', async () => {
    await panel.typeSharedText('What do you think? {url}');
    await panel.openComposeSection('Templates and snippets');
    await (await panel.page.waitForSelector('input[placeholder="e.g. Weekly roundup"]'))!.type('Ask', { delay: 0 });
    await panel.clickButton('Save text as template');
    expect(await panel.status('templates-status')).toBe('Saved “Ask”.');

    await panel.typeSharedText('New chart of the week. ');
    await panel.page.$eval('textarea[aria-label="Shared text"]', (box) => (box as HTMLTextAreaElement).setSelectionRange(10, 10));
    await panel.page.focus('[role="listbox"][aria-label="Templates"]');
    await panel.press('Enter');
    await panel.page.waitForFunction(() => (document.querySelector('textarea[aria-label="Shared text"]') as HTMLTextAreaElement).value.includes('think'));
    expect(await panel.sharedText()).toBe('New chart What do you think? {url}of the week. ');
    // Focus returns to the text after the insert has rendered (a frame later than the value).
    await panel.page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Shared text', { timeout: 5000 });
    await panel.typeSharedText('New chart of the week');
  });

  it('schedules at a picked local time with the zone shown, as an evergreen post', async () => {
    await panel.openComposeSection('Evergreen');
    await panel.page.click('.compose__evergreen input[type="checkbox"]');
    const days = (await panel.page.$('.compose__evergreen input[type="number"]'))!;
    await days.click({ count: 3 });
    await days.type('14', { delay: 0 });
    expect(await panel.page.$eval('[data-testid="schedule-zone"]', (element) => element.textContent)).toBe(`(${ZONE})`);

    const date = localDate(Date.now() + 2 * DAY, ZONE);
    await setValue((await panel.page.$(`input[type="datetime-local"]`))!, `${date}T11:30`);
    await new Promise((done) => setTimeout(done, 500)); // past the autosave, so the flush writes the evergreen days too
    await panel.clickButton('Schedule at…');
    // The status line still holds the alt-text refusal of the earlier test until this one lands.
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="compose-status"]')?.textContent?.startsWith('Queued'), { timeout: 5000 });
    expect(await panel.status('compose-status')).toMatch(/11:30 \(America\/New_York\)/);

    const deliveries = (await panel.readAll('deliveries')) as Delivery[];
    expect(deliveries.map((d) => [d.state, d.dueAt])).toEqual([
      ['scheduled', atLocalTime(date, '11:30', ZONE)],
      ['scheduled', atLocalTime(date, '11:30', ZONE)],
    ]);
    const post = (await panel.readRow('posts', deliveries[0]!.postId)) as Post;
    expect(post.evergreenDays).toBe(14);
    expect(post.media.map((m) => [m.alt, m.src.startsWith('blob:media_')])).toEqual([['Bar chart: posts per network this week', true]]);
  });

  it('shows the evergreen mark on the calendar, moves a chip with the keyboard (m) and shows the month', async () => {
    const deliveries = (await panel.readAll('deliveries')) as Delivery[];
    const moving = deliveries.find((d) => d.accountId === bluesky.id)!;
    const from = localDate(moving.dueAt!, ZONE);
    const to = localDate(moving.dueAt! + DAY, ZONE);
    await panel.showCalendarWeekOf(from);
    const chip = (await panel.page.waitForSelector(`[data-date="${from}"] [data-delivery="${moving.id}"] button`))!;
    expect(await chip.$eval('[data-testid="chip-evergreen"]', (element) => element.textContent)).toBe('↻ 14 d');
    expect(await chip.evaluate((element) => element.getAttribute('aria-label'))).toMatch(/recycles every 14 days/);

    await chip.focus();
    await panel.press('m');
    const field = (await panel.page.waitForSelector(`[data-delivery="${moving.id}"] .move-form input[type="date"]`))!;
    expect(await panel.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('date');
    await setValue(field, to);
    await panel.press('Enter');
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="calendar-status"]')?.textContent?.startsWith('Moved'), { timeout: 5000 });
    await panel.showCalendarWeekOf(to);
    await panel.page.waitForSelector(`[data-date="${to}"] [data-delivery="${moving.id}"]`);
    expect(await panel.status('calendar-status')).toMatch(/^Moved to \w{3} .* 11:30 \(America\/New_York\)/);
    const after = (await panel.readAll('deliveries')) as Delivery[];
    expect(after.find((d) => d.id === moving.id)!.dueAt).toBe(atLocalTime(to, '11:30', ZONE));

    await panel.showCalendarMonthOf(to);
    await panel.page.waitForSelector(`.calendar__grid--month [data-date="${to}"] [data-delivery="${moving.id}"]`);
    const dayCount = await panel.page.$$eval('.calendar__grid--month [data-date]', (cells) => cells.length);
    expect(dayCount).toBeGreaterThanOrEqual(28);
    expect(await panel.page.$eval('[data-testid="calendar-range"]', (element) => element.textContent)).toContain(ZONE);
  });
});
