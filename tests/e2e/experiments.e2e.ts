import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account, Delivery, MetricSample, Post } from '@/lib/model';
import { createAccount, pollUntil, processAll, uniq } from '../integration/support';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * Issue 17, A/B experiments made in Compose and judged in Insights, through the real side panel
 * against the local AT Protocol network: “Make this an A/B test” and its question, “Write arm B”,
 * both arms shared to the network, and, once their counts are in (written here as the metrics
 * collector writes them: the local network has no audience to like the posts), Insights gives
 * the verdict under the test's question.
 */
const passwordOf = (handle: string) => `${handle.replace(/\.test$/, '')}-password`;
const QUESTION = 'Does naming the price in the first line sell more?';

describe('an A/B test from Compose to its verdict in Insights (Chromium, local AT Protocol network)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let brand: AtpAgent;
  let account: Account;

  const legend = () => panel.page.$eval('[data-testid="experiment-field"] legend', (element) => element.textContent);
  const sharedText = () => panel.page.$eval('textarea[aria-label="Shared text"]', (element) => (element as HTMLTextAreaElement).value);
  const shareNow = async () => {
    await panel.page.evaluate(() => (document.querySelector('[data-testid="compose-status"]')!.textContent = ''));
    await panel.clickButton('Share now');
    return panel.status('compose-status');
  };

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    await panel.activeWorkspace();
    brand = await createAccount('brand-ab');
    const handle = brand.session!.handle;
    await processAll();
    await panel.connectBluesky({ handle, password: passwordOf(handle), server: inject('pdsUrl') });
    account = ((await panel.readAll('accounts')) as Account[]).find((a) => a.handle === handle)!;
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('marks two arms with their question in Compose, publishes both, and Insights gives the verdict', async () => {
    const armA = `Sourdough, 4 euros, fresh at 7 ${uniq()}`;
    const armB = `Fresh sourdough at 7, come early ${uniq()}`;
    await panel.show('Compose');
    await panel.chooseAccount(account.handle);
    await panel.typeSharedText(armA);
    await panel.openComposeSection('A/B test');
    await panel.clickButton('Make this an A/B test');
    await panel.page.waitForSelector('[data-testid="experiment-field"]');
    expect(await legend()).toBe('A/B test: this post is arm A');
    await panel.page.type('[data-testid="experiment-field"] input[type="text"]', QUESTION);
    await panel.clickButton('Write arm B');
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="experiment-field"] legend')?.textContent === 'A/B test: this post is arm B');
    // The copy is the other arm: same test, same question, listed beside arm A.
    expect(await panel.page.$eval('[data-testid="experiment-field"] input[type="text"]', (input) => (input as HTMLInputElement).value)).toBe(QUESTION);
    expect(await panel.page.$eval('[data-testid="experiment-field"] ul', (list) => list.textContent)).toContain(`Arm A: ${armA}`);
    await panel.typeSharedText(armB);

    // Shared, arm B hands Compose to arm A, which is not out yet; shared too, Compose is blank.
    expect(await shareNow()).toBe(
      `Publishing now on @${account.handle}. The Calendar shows each one when it is out. Arm A of this A/B test is open next: queue it too.`,
    );
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="experiment-field"] legend')?.textContent === 'A/B test: this post is arm A');
    expect(await sharedText()).toBe(armA);
    expect(await shareNow()).toBe(`Publishing now on @${account.handle}. The Calendar shows each one when it is out.`);
    expect(await panel.page.$('[data-testid="experiment-field"]')).toBeNull();

    const posts = ((await panel.readAll('posts')) as Post[]).filter((post) => post.experiment !== null);
    expect(posts.map((post) => [post.text, post.experiment!.arm, post.experiment!.question]).sort()).toEqual(
      [
        [armB, 'B', QUESTION],
        [armA, 'A', QUESTION],
      ].sort(),
    );
    expect(new Set(posts.map((post) => post.experiment!.id)).size).toBe(1);
    const published = await pollUntil(async () => {
      const rows = ((await panel.readAll('deliveries')) as Delivery[]).filter((d) => posts.some((post) => post.id === d.postId) && d.state === 'published');
      return rows.length === 2 ? rows : null;
    }, 30_000);
    const { data } = await brand.com.atproto.repo.listRecords({ repo: brand.session!.did, collection: 'app.bsky.feed.post', limit: 10 });
    expect(data.records.map((record) => (record.value as { text: string }).text).sort()).toEqual([armA, armB].sort());

    // Counts as the collector stores them: 1,000 followers when they went out; A 60 engagements, B 20.
    // The collector may already have read this account's followers on its own alarm (0 on the
    // local network, at any moment since the connect): those readings are rewritten to 1,000 too,
    // and being recent they keep it from reading again today.
    const armOf = (d: Delivery) => posts.find((post) => post.id === d.postId)!.experiment!.arm;
    const first = Math.min(...published.map((d) => d.publishedAt!));
    const collected = ((await panel.readAll('metrics')) as MetricSample[]).filter((s) => s.accountId === account.id && s.deliveryId === null);
    const samples: MetricSample[] = [
      ...collected.map((s) => ({ ...s, counts: { ...s.counts, followers: 1000 } })),
      {
        v: 1,
        id: `followers_${uniq()}`,
        accountId: account.id,
        deliveryId: null,
        takenAt: first - 60_000,
        counts: { followers: 1000, following: 10, posts: 2 },
      },
      ...published.map((d): MetricSample => ({
        v: 1,
        id: `m_${d.id}`,
        accountId: account.id,
        deliveryId: d.id,
        takenAt: d.publishedAt! + 1000,
        counts: armOf(d) === 'A' ? { likes: 50, reposts: 6, replies: 4, quotes: 0 } : { likes: 16, reposts: 2, replies: 2, quotes: 0 },
      })),
    ];
    await panel.putRows('metrics', samples);
    await panel.page.reload({ waitUntil: 'load' }); // the samples were written behind the views' back
    await panel.show('Insights');
    const experiment = await panel.page.waitForSelector('[data-testid="experiment"]', { timeout: 10_000 });
    expect(await experiment!.$eval('h4', (heading) => heading.textContent)).toBe(QUESTION);
    expect(await experiment!.$eval('.experiment__verdict', (verdict) => verdict.textContent)).toMatch(
      /^A likely did better: 6\.00% vs 2\.00% engagement rate \(p = /,
    );
    expect(ext.workerErrors).toEqual([]);
  });
});
