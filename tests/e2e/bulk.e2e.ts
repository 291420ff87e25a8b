import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverySchema, postSchema, type Account } from '@/lib/model';
import { makeAccount } from '../unit/factories';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * Bulk posts (issue 22) in the built extension: a CSV of 500 posts chosen in Calendar → Import CSV…,
 * previewed, imported and queued (every delivery scheduled, the publish alarm at the earliest); the
 * same file with one bad row is refused whole, nothing written; Export CSV gives posts × accounts.
 * Dates are in the year after the test runs, in May (no daylight-saving change), so neither the day
 * nor the hour matters; the DST-gap row is on the last Sunday of that year's March.
 */
const ZONE = 'Europe/Berlin';
const YEAR = new Date().getUTCFullYear() + 1;
const HEADER = 'Text,Text Mastodon,Accounts,Posting Time,Image URL,Alt Text,Link,Campaign,Pillar';

function row(i: number): string {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const hour = String(8 + (Math.floor(i / 28) % 10)).padStart(2, '0');
  const minute = String((i * 7) % 60).padStart(2, '0');
  return `"Roast note ${i}, with a comma",Longer Mastodon words for note ${i},@northwind.bsky.social northwind@mastodon.social,${YEAR}-05-${day} ${hour}:${minute},https://img.example/${i}.jpg,Beans ${i},https://northwind.example/notes/${i},Spring,Education`;
}

describe('bulk posts from a CSV', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let files: string;
  let accounts: Account[];
  const good = Array.from({ length: 500 }, (_, i) => row(i));

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'cadence-bulk-'));
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    const workspace = await panel.activeWorkspace();
    await panel.putRows('workspaces', [{ ...workspace, name: 'Northwind', timeZone: ZONE }]);
    accounts = [
      makeAccount({ id: 'acct_bulk_bsky', workspaceId: workspace.id, handle: 'northwind.bsky.social', network: 'bluesky' }),
      makeAccount({
        id: 'acct_bulk_masto',
        workspaceId: workspace.id,
        handle: 'northwind@mastodon.social',
        network: 'mastodon',
        serverUrl: 'https://mastodon.social',
        limits: { maxCharacters: 500, charactersPerUrl: 23, maxImages: 4, maxImageBytes: 16_000_000 },
      }),
    ];
    await panel.putRows('accounts', accounts);
    await panel.page.reload({ waitUntil: 'load' });
    await panel.show('Calendar');
  });
  afterAll(async () => {
    await ext?.close();
    rmSync(files, { recursive: true, force: true });
  });

  const choose = async (name: string, csv: string) => {
    const path = join(files, name);
    writeFileSync(path, csv);
    await panel.page.bringToFront();
    const input = await panel.page.waitForSelector('[data-testid="bulk-file"]');
    await (input as unknown as { uploadFile(path: string): Promise<void> }).uploadFile(path);
    const status = await panel.page.waitForFunction(
      (file) => {
        const text = document.querySelector('[data-testid="bulk-status"]')?.textContent ?? '';
        return text.startsWith(file) ? text : null;
      },
      { timeout: 20_000 },
      name,
    );
    return String(await status.jsonValue());
  };
  const counts = async () => ({ posts: (await panel.readAll('posts')).length, deliveries: (await panel.readAll('deliveries')).length });

  it('refuses a file whole when one row is bad: the preview names the row’s problems and nothing is written', async () => {
    const gap = DateTime.fromObject({ year: YEAR, month: 3, day: 31 }, { zone: ZONE })
      .minus({ days: DateTime.fromObject({ year: YEAR, month: 3, day: 31 }).weekday % 7 })
      .toFormat('yyyy-MM-dd');
    const bad = [
      ...good.slice(0, 250),
      `Hello,,@northwind.bsky.social,${gap} 02:30,https://img.example/x.jpg,,,,`,
      `${'x'.repeat(301)},,@northwind.bsky.social @nobody.bsky.social,${YEAR}-05-02 10:00,,,,,`,
      ...good.slice(250),
    ];
    expect(await choose('bad.csv', `${HEADER}\n${bad.join('\n')}\n`)).toBe(
      'bad.csv: fix the rows with problems, then choose the file again. Nothing was imported.',
    );
    const caption = await panel.page.$eval('[data-testid="bulk-preview"] caption', (element) => element.textContent);
    expect(caption).toBe('502 rows, 2 with problems (the first 200 shown, problems first)');
    const problems = await panel.page.$$eval('[data-testid="bulk-preview"] tr.bulk-preview__bad', (rows) =>
      rows.map((tr) => [tr.getAttribute('data-line'), tr.querySelector('td:last-child')?.textContent ?? '']),
    );
    expect(problems).toEqual([
      ['252', expect.stringMatching(new RegExp(`${gap} 02:30 does not exist in Europe/Berlin.*Image 1 has no alt text`))],
      ['253', expect.stringMatching(/Unknown account “@nobody.bsky.social”.*301 characters, Bluesky allows 300/)],
    ]);
    const [importButton] = await panel.page.$$('xpath/.//button[normalize-space(.)="Import 502 posts"]');
    expect(await importButton!.evaluate((button) => (button as HTMLButtonElement).disabled)).toBe(true);
    expect(await counts()).toEqual({ posts: 0, deliveries: 0 });
    await panel.clickButton('Cancel');
  });

  it('imports 500 posts and queues each on both accounts at its time in the workspace’s zone', async () => {
    expect(await choose('plan.csv', `${HEADER}\n${good.join('\n')}\n`)).toBe('plan.csv: 500 posts ready. Nothing is written until you import them.');
    expect(await counts()).toEqual({ posts: 0, deliveries: 0 });
    await panel.clickButton('Import 500 posts');
    const status = await panel.page.waitForFunction(
      () => {
        const text = document.querySelector('[data-testid="bulk-status"]')?.textContent ?? '';
        return text.startsWith('Imported') ? text : null;
      },
      { timeout: 30_000 },
    );
    expect(await status.jsonValue()).toBe('Imported 500 posts: 1000 scheduled.');
    const posts = (await panel.readAll('posts')).map((raw) => postSchema.parse(raw));
    const deliveries = (await panel.readAll('deliveries')).map((raw) => deliverySchema.parse(raw));
    expect(posts).toHaveLength(500);
    expect(deliveries).toHaveLength(1000);
    expect(deliveries.every((d) => d.state === 'scheduled' && d.method === 'api')).toBe(true);
    const first = posts.find((post) => post.text === 'Roast note 0, with a comma')!;
    expect(first).toMatchObject({
      campaign: 'Spring',
      pillar: 'Education',
      link: { url: 'https://northwind.example/notes/0' },
      media: [expect.objectContaining({ src: 'https://img.example/0.jpg', alt: 'Beans 0' })],
    });
    expect(first.variants.find((v) => v.accountId === 'acct_bulk_masto')?.text).toBe('Longer Mastodon words for note 0');
    const due = DateTime.fromObject({ year: YEAR, month: 5, day: 1, hour: 8, minute: 0 }, { zone: ZONE }).toMillis();
    expect(
      deliveries
        .filter((d) => d.postId === first.id)
        .map((d) => [d.accountId, d.dueAt])
        .sort(),
    ).toEqual([
      ['acct_bulk_bsky', due],
      ['acct_bulk_masto', due],
    ]);
    // The publisher was told: its alarm is at the earliest imported post.
    const earliest = Math.min(...deliveries.map((d) => d.dueAt!));
    const worker = await ext.worker();
    const end = Date.now() + 10_000;
    let alarm: number | undefined;
    while (Date.now() < end && alarm !== earliest) alarm = (await worker.evaluate(() => chrome.alarms.get('publish')))?.scheduledTime;
    expect(alarm).toBe(earliest);
  });

  it('exports the plan as CSV: posts × accounts with their state', async () => {
    await panel.clickButton('Export CSV');
    const link = await panel.page.waitForSelector('[data-testid="plan-csv"]');
    const csv = await link!.evaluate(async (a) => (await fetch((a as HTMLAnchorElement).href)).text());
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      'Post ID,Accounts,Network,State,Posting Time,Text,Image URL,Alt Text,Link,Campaign,Pillar,Post URL,Published At,Likes,Reposts,Replies,Quotes,Impressions,Metrics At',
    );
    expect(lines).toHaveLength(1001);
    expect(lines.filter((line) => line.includes(`,scheduled,${YEAR}-05-01 08:00,`))).toHaveLength(2);
  });
});
