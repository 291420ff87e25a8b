import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, Delivery, InboxItem, MetricSample, Post, Settings, Workspace } from '@/lib/model';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

const ZONE = 'America/New_York';
const H = 3_600_000;
const now = Date.now();
const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(now); // YYYY-MM-DD

/** A PDF's page count from its page objects (Chromium writes `/Type /Page` per page, sometimes in object streams). */
function pdfPageCount(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  let body = text;
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = text.indexOf('endstream', start);
    try {
      body += inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      // not a Flate stream (an image, a font): it holds no page objects
    }
  }
  return (body.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

describe('Insights and the client report in Chromium', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let workspace: Workspace;

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 480, height: 2000 });
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="active-workspace"]')?.textContent !== 'No workspace yet');
    const settings = (await panel.readRow('settings', 'settings')) as Settings;
    workspace = { ...((await panel.readRow('workspaces', settings.activeWorkspaceId!)) as Workspace), name: 'Acme Bakery', timeZone: ZONE };
    // Disconnected: the collector leaves it alone, so only the seeded readings exist.
    const account: Account = {
      v: 1, id: 'acct_e2e', workspaceId: workspace.id, network: 'bluesky', handle: 'acme.test', displayName: 'Acme', avatarUrl: null, serverUrl: null, remoteId: null,
      publishMode: 'api', status: 'disconnected', statusReason: null, limits: { maxCharacters: 300, charactersPerUrl: null, maxImages: 4, maxImageBytes: 1_000_000 }, schedule: [], createdAt: 1, updatedAt: 1,
    };
    const post = (n: number, campaign: string | null): Post => ({
      v: 1, id: `post_e2e_${n}`, workspaceId: workspace.id, clipId: null, text: `Fresh bread number ${n}`, variants: [], media: [], link: null, lang: 'en',
      campaign, pillar: 'Product', utm: { enabled: false, medium: 'social', campaign: '' }, experiment: null, evergreenDays: null, replyTo: null, createdAt: 1, updatedAt: 1,
    });
    const delivery = (n: number, publishedAt: number): Delivery => ({
      v: 1, id: `dlv_e2e_${n}`, postId: `post_e2e_${n}`, accountId: account.id, workspaceId: workspace.id, network: 'bluesky', state: 'published', method: 'api',
      dueAt: publishedAt, attempt: 1, nextAttemptAt: null, lease: null, idempotencyKey: `k${n}`, rkey: null,
      remote: { id: `at://did:plc:acme/app.bsky.feed.post/${n}`, url: `https://bsky.app/profile/acme.test/post/${n}`, cid: 'c' }, parts: [], lastError: null, publishedAt, updatedAt: publishedAt,
    });
    const sample = (id: string, deliveryId: string | null, takenAt: number, counts: Record<string, number>): MetricSample => ({ v: 1, id, accountId: account.id, deliveryId, takenAt, counts });
    const inbox = (n: number, createdAt: number, repliedAt: number | null): InboxItem => ({
      v: 1, id: `acct_e2e:n${n}`, accountId: account.id, workspaceId: workspace.id, network: 'bluesky', kind: 'reply', remoteId: `n${n}`, url: 'https://bsky.app/x',
      author: { handle: 'fan.test', displayName: 'Fan', avatarUrl: null, remoteId: 'did:plc:fan' }, text: 'Love it', inReplyTo: null, createdAt, receivedAt: createdAt,
      isRead: true, state: 'done', snoozedUntil: null, labels: [], repliedAt, ref: null, root: null, subject: null, replyDeliveryId: null, likedAt: null, repostedAt: null,
    });
    const p1 = now - 50 * H;
    const p2 = now - 26 * H;
    const p3 = now - 5 * H;
    await panel.putRows('workspaces', [workspace]);
    await panel.putRows('accounts', [account]);
    await panel.putRows('posts', [post(1, 'Spring'), post(2, 'Spring'), post(3, null)]);
    await panel.putRows('deliveries', [delivery(1, p1), delivery(2, p2), delivery(3, p3)]);
    await panel.putRows('metrics', [
      sample('m1a', 'dlv_e2e_1', p1 + H, { likes: 3, reposts: 0, replies: 0, quotes: 0 }),
      sample('m1b', 'dlv_e2e_1', p1 + 24 * H, { likes: 20, reposts: 4, replies: 2, quotes: 1 }), // latest: 27
      sample('m2a', 'dlv_e2e_2', p2 + H, { likes: 10, reposts: 2, replies: 1, quotes: 0 }), // latest: 13
      sample('m3a', 'dlv_e2e_3', p3 + H, { likes: 2, reposts: 0, replies: 0, quotes: 0 }), // latest: 2
      sample('f1', null, p1 - H, { followers: 500, following: 10, posts: 40 }),
      sample('f2', null, p3 + H, { followers: 512, following: 10, posts: 43 }),
    ]);
    await panel.putRows('inbox', [inbox(1, p1 + 2 * H, p1 + 2 * H + 20 * 60_000), inbox(2, p2 + 2 * H, p2 + 2 * H + 40 * 60_000), inbox(3, p3 + 2 * H, null)]);
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('shows the totals, draws the charts on canvas and gives their numbers as a table', async () => {
    await panel.page.reload({ waitUntil: 'load' }); // the seeded rows were written behind the views' back
    await panel.show('Insights');
    await panel.page.waitForSelector('[data-testid="summary-cards"]', { timeout: 10_000 });
    const cards = await panel.page.$eval('[data-testid="summary-cards"]', (el) => el.textContent ?? '');
    expect(cards).toContain('Posts published3');
    expect(cards).toContain('Engagements42');
    expect(cards).toContain('Follower change+12');
    expect(cards).toContain('Median response time30 min');
    await panel.page.waitForSelector('.chart canvas');
    expect(await panel.page.$$eval('.chart canvas', (canvases) => canvases.length)).toBeGreaterThanOrEqual(2); // engagement and followers

    const table = await panel.page.$$eval('[data-testid="engagement-table"] tbody tr', (rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)));
    const withPosts = table.filter((row) => row[1] !== '0');
    expect(withPosts.map((row) => Number(row[2])).reduce((a, b) => a + b, 0)).toBe(42);
    expect(withPosts.map((row) => Number(row[1])).reduce((a, b) => a + b, 0)).toBe(3);
    const top = await panel.page.$$eval('[data-testid="top-posts"] li', (items) => items.map((item) => item.textContent ?? ''));
    expect(top[0]).toMatch(/^Fresh bread number 1.*27 engagements/);
    const groups = await panel.page.$$eval('[data-testid="group-table"] tbody tr', (rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)));
    expect(groups).toEqual([['Spring', '2', '40', '20.0'], ['(none)', '1', '2', '2.0']]);
    expect(await panel.page.$eval('[data-testid="best-times"]', (el) => el.textContent)).toContain('Not enough data yet — 3 measured posts of the 20 needed');
  });

  it('renders the client report with its totals and prints it to a PDF', async () => {
    const [from] = [new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(now - 7 * 24 * H)];
    const page = await ext.browser.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/report.html?workspace=${encodeURIComponent(workspace.id)}&from=${from}&to=${today}`, { waitUntil: 'load' });
    await page.waitForSelector('[data-testid="report"] .chart canvas', { timeout: 10_000 });
    expect(await page.$eval('h1', (el) => el.textContent)).toBe('Acme Bakery: social media report');
    const cards = await page.$eval('[data-testid="summary-cards"]', (el) => el.textContent ?? '');
    expect(cards).toContain('Posts published3');
    expect(cards).toContain('Engagements42');
    const response = await page.$$eval('[data-testid="response-table"] tbody tr', (rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)));
    expect(response).toEqual([['acme.test', '30 min', '2', '1']]);

    const pdf = Buffer.from(await page.pdf({ format: 'A4', printBackground: true }));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(2); // the audience section starts a new page
    expect(pages).toBeLessThanOrEqual(6);
    await page.close();
  });
});
