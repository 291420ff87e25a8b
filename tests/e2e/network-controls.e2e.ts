import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AtpAgent } from '@atproto/api';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account, Delivery, Post } from '@/lib/model';
import { threadRkey } from '@/lib/networks/tid';
import { connectAs, postAs } from '../harness/mastodon/connect-account';
import { startMastodonServer, type MastodonServer } from '../harness/mastodon-server';
import { createAccount, pollUntil, processAll, uniq } from '../integration/support';
import { makeCapture } from '../unit/factories';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';
import { noisyPng } from './support/png';

/**
 * Issue 22 in Chromium against the local AT Protocol network: the first comment goes out as a
 * reply to the post, once; the threadgate, postgate and self-labels chosen in Compose are on the
 * PDS; a quote is an embed.record (with its link card), and a post whose author disallows quotes
 * is refused; and the preview's text, facets and card are what the PDS receives.
 */
const passwordOf = (handle: string) => `${handle.replace(/\.test$/, '')}-password`;

type PostRecord = {
  text: string;
  facets?: { index: { byteStart: number; byteEnd: number }; features: Record<string, string>[] }[];
  reply?: { parent: { uri: string }; root: { uri: string } };
  embed?: Record<string, unknown> & { $type: string };
  labels?: { values: { val: string }[] };
};

describe('first comment, network controls and the preview (Chromium, local PDS)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let brand: AtpAgent;
  let friend: AtpAgent;
  let handle: string;
  let account: Account;
  let files: string;

  const records = async () => {
    const { data } = await brand.com.atproto.repo.listRecords({ repo: brand.session!.did, collection: 'app.bsky.feed.post', limit: 100 });
    return data.records.map((r) => ({ uri: r.uri, value: r.value as PostRecord }));
  };
  const getRecord = (collection: string, rkey: string) =>
    brand.com.atproto.repo.getRecord({ repo: brand.session!.did, collection, rkey }).then((r) => r.data.value as Record<string, unknown>);
  const shareNowAndWait = async (text: string): Promise<Delivery> => {
    await pollUntil(async () => ((await panel.readAll('posts')) as Post[]).some((p) => p.text === text), 10_000);
    await new Promise((done) => setTimeout(done, 600)); // past the autosave, so Share now sends what is shown
    await panel.clickButton('Share now');
    return pollUntil(async () => {
      const post = ((await panel.readAll('posts')) as Post[]).find((p) => p.text === text);
      const row = ((await panel.readAll('deliveries')) as Delivery[]).find((d) => d.postId === post?.id && ['published', 'failed', 'held'].includes(d.state));
      return row ?? null;
    }, 30_000);
  };
  const check = async (labelText: string, checked: boolean) => {
    const box = (await panel.page.waitForSelector(`xpath/.//label[contains(normalize-space(.), "${labelText}")]/input[@type="checkbox"]`, {
      timeout: 5000,
    })) as ElementHandle<HTMLInputElement>;
    if ((await box.evaluate((input) => input.checked)) !== checked) await box.click();
  };

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'cadence-net-'));
    writeFileSync(join(files, 'launch.png'), noisyPng(400, 300));
    ext = await launchWithExtension({ build: 'e2e' }); // loopback host permissions: the Mastodon test server's account is written straight into the store
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 3200 });
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="active-workspace"]')?.textContent !== 'No workspace yet');
    brand = await createAccount('brand-net');
    friend = await createAccount('friend-net');
    handle = brand.session!.handle;
    await processAll();
    await panel.connectBluesky({ handle, password: passwordOf(handle), server: inject('pdsUrl') });
    account = ((await panel.readAll('accounts')) as Account[]).find((a) => a.handle === handle)!;
  });
  afterAll(async () => {
    await ext?.close();
    await mastodonServer?.close();
  });
  let mastodonServer: MastodonServer | undefined;

  /** Files a social post as the site script's Clip button does: `capture.submit` to the worker. */
  const clipSocialPost = async (post: { network: 'bluesky' | 'mastodon'; postUrl: string; text: string; authorHandle: string }) => {
    const title = `${post.authorHandle}: ${post.text}`;
    const capture = makeCapture({
      kind: 'social-post',
      url: post.postUrl,
      sourceUrl: post.postUrl,
      title,
      excerpt: post.text,
      byline: post.authorHandle,
      siteName: post.network === 'bluesky' ? 'Bluesky' : 'Mastodon',
      text: post.text,
      html: `<p>${post.text}</p>`,
      post: { ...post, authorName: post.authorHandle, media: [], postedAt: null, counts: {} },
    });
    const answer = await panel.page.evaluate((payload) => chrome.runtime.sendMessage({ type: 'capture.submit', payload }), capture as never);
    expect(answer).toMatchObject({ ok: true });
    await panel.show('Queue');
    await panel.waitForClip(title);
    return title;
  };

  it('publishes the post with its gates, labels and image, then the first comment as a reply, once; the preview showed what the PDS got', async () => {
    const friendHandle = friend.session!.handle;
    const text = `Launch day with @${friendHandle}: https://example.com/launch #CadenceLaunch ${uniq()}`;
    const comment = `Details in the thread ${uniq()}`;
    await panel.show('Compose');
    await panel.chooseAccount(handle);
    await panel.typeSharedText(text);
    const input = (await panel.page.waitForSelector('input[type="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(join(files, 'launch.png'));
    const mediaId = await (await panel.page.waitForSelector('[data-media]', { timeout: 30_000 }))!.evaluate(
      (element) => (element as HTMLElement).dataset.media!,
    );
    await panel.page.type(`#alt-${mediaId}`, 'The launch poster', { delay: 0 });
    await panel.openComposeSection('First comment');
    await panel.openComposeSection('Each network’s controls');
    await (await panel.page.waitForSelector(`[data-testid="first-comment-${account.id}"]`))!.type(comment, { delay: 0 });
    await panel.page.select('select[aria-label="Who can reply"]', 'some'); // people you mention, by default
    await check('Your followers', true);
    await check('Allow quote posts', false);
    await check('Nudity', true);

    // The preview, as it stands before sending: its parts, and each segment's kind and bytes.
    const preview = `[data-testid="preview-${account.id}"]`;
    await panel.page.waitForFunction((sel) => document.querySelectorAll(`${sel} [data-testid="preview-part"]`).length === 2, { timeout: 10_000 }, preview);
    const shown = await panel.page.$$eval(`${preview} [data-testid="preview-part"]`, (parts) =>
      parts.map((part) => {
        const box = part.querySelector('[data-testid="preview-text"]')!;
        const encoder = new TextEncoder();
        let at = 0;
        const segments: { kind: string; start: number; end: number; value: string }[] = [];
        for (const node of box.childNodes) {
          const content = node.textContent ?? '';
          const end = at + encoder.encode(content).length;
          if (node instanceof HTMLElement)
            segments.push({ kind: node.dataset.kind!, start: at, end, value: node.dataset.href ?? node.dataset.tag ?? node.dataset.handle ?? '' });
          at = end;
        }
        return {
          text: box.textContent,
          segments,
          isComment: part.hasAttribute('data-comment'),
          card: part.querySelector('[data-testid="preview-card"]') !== null,
          alts: [...part.querySelectorAll('[data-testid="preview-media"] img')].map((img) => img.getAttribute('alt')),
          // The shape each image is cut to, as laid out (width over height of its tile).
          tiles: [...part.querySelectorAll<HTMLElement>('[data-testid="preview-media"] > li')].map((tile) => {
            const { width, height } = tile.getBoundingClientRect();
            return width / height;
          }),
        };
      }),
    );
    expect(shown.map((p) => [p.text, p.isComment])).toEqual([
      [text, false],
      [comment, true],
    ]);
    expect(shown[0]!.segments.map((s) => s.kind)).toEqual(['mention', 'link', 'tag']);

    const published = await shareNowAndWait(text);
    expect(published).toMatchObject({ state: 'published', lastError: null });
    expect(published.parts).toHaveLength(2);
    await processAll();

    // Exactly one post and one comment; the comment answers the post, with its own record key.
    const all = await records();
    const posts = all.filter((r) => r.value.text === text);
    const comments = all.filter((r) => r.value.text === comment);
    expect(posts.map((r) => r.uri)).toEqual([published.remote!.id]);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.uri).toBe(`at://${brand.session!.did}/app.bsky.feed.post/${threadRkey(published.rkey!, 1)}`);
    expect(comments[0]!.value.reply).toMatchObject({ parent: { uri: posts[0]!.uri }, root: { uri: posts[0]!.uri } });

    // The preview's text, facets and card are what the PDS received (the mention as the friend's DID).
    const record = posts[0]!.value;
    expect(record.text).toBe(shown[0]!.text);
    const received = (record.facets ?? []).map((f) => ({ start: f.index.byteStart, end: f.index.byteEnd, feature: f.features[0]! }));
    expect(received).toEqual(
      shown[0]!.segments.map((s) => ({
        start: s.start,
        end: s.end,
        feature:
          s.kind === 'mention'
            ? { $type: 'app.bsky.richtext.facet#mention', did: friend.session!.did }
            : s.kind === 'link'
              ? { $type: 'app.bsky.richtext.facet#link', uri: s.value }
              : { $type: 'app.bsky.richtext.facet#tag', tag: s.value },
      })),
    );
    expect(shown[0]!.card).toBe(false); // images win over a card on Bluesky, in the preview as on the PDS
    expect(record.embed?.$type).toBe('app.bsky.embed.images');
    const images = (record.embed as unknown as { images: { alt: string; aspectRatio?: { width: number; height: number } }[] }).images;
    expect(images.map((i) => i.alt)).toEqual(shown[0]!.alts);
    // One landscape image: Bluesky shows it whole, at the shape the record gives it, and so does the preview.
    expect(shown[0]!.tiles).toHaveLength(1);
    expect(shown[0]!.tiles[0]!).toBeCloseTo(images[0]!.aspectRatio!.width / images[0]!.aspectRatio!.height, 1);
    expect(record.labels?.values).toEqual([{ val: 'nudity' }]);

    // The gates, under the post's own record key.
    const rkey = published.rkey!;
    expect(await getRecord('app.bsky.feed.threadgate', rkey)).toMatchObject({
      post: posts[0]!.uri,
      allow: [{ $type: 'app.bsky.feed.threadgate#mentionRule' }, { $type: 'app.bsky.feed.threadgate#followerRule' }],
    });
    expect(await getRecord('app.bsky.feed.postgate', rkey)).toMatchObject({
      post: posts[0]!.uri,
      embeddingRules: [{ $type: 'app.bsky.feed.postgate#disableRule' }],
    });

    // The calendar chip shows the first comment.
    await panel.show('Calendar');
    await panel.waitForChipState(published.id, 'published');
    expect(await panel.page.$eval(`[data-delivery="${published.id}"] [data-testid="chip-comment"]`, (el) => el.textContent)).toContain(comment);
  }, 120_000);

  it('quotes a post as embed.record with its link card, as the preview showed; a post whose author disallows quotes is refused', async () => {
    const friendDid = friend.session!.did;
    const friendHandle = friend.session!.handle;
    const quoted = await friend.post({ text: `Worth quoting ${uniq()}`, createdAt: new Date().toISOString() });
    const gated = await friend.post({ text: `Do not quote me ${uniq()}`, createdAt: new Date().toISOString() });
    const gatedRkey = gated.uri.split('/').pop()!;
    await friend.com.atproto.repo.putRecord({
      repo: friendDid,
      collection: 'app.bsky.feed.postgate',
      rkey: gatedRkey,
      record: {
        $type: 'app.bsky.feed.postgate',
        post: gated.uri,
        embeddingRules: [{ $type: 'app.bsky.feed.postgate#disableRule' }],
        createdAt: new Date().toISOString(),
      },
    });
    await processAll();

    // A draft with a link card (as Compose makes one from a clip), opened from Drafts.
    const workspace = await panel.activeWorkspace();
    const text = `Our take on this ${uniq()}`;
    const now = Date.now();
    const link = { url: 'https://example.com/story', title: 'The story', description: 'What happened', imageUrl: null };
    await panel.putRows('posts', [
      {
        v: 1,
        id: `post_${uniq()}`,
        workspaceId: workspace.id,
        clipId: null,
        text,
        variants: [{ accountId: account.id, text: null, thread: [] }],
        media: [],
        link,
        lang: null,
        campaign: null,
        pillar: null,
        utm: { enabled: false, medium: 'social', campaign: '' },
        experiment: null,
        evergreenDays: null,
        replyTo: null,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    await panel.show('Compose');
    await (await panel.page.waitForSelector('[data-testid="drafts-toggle"]', { timeout: 10_000 }))!.click();
    await (await panel.page.waitForSelector(`button[aria-label="Open the draft “${text}” in Compose"]`, { timeout: 10_000 }))!.click();
    await panel.page.waitForFunction(
      (t) => (document.querySelector('textarea[aria-label="Shared text"]') as HTMLTextAreaElement | null)?.value === t,
      { timeout: 10_000 },
      text,
    );
    const address = `https://bsky.app/profile/${friendHandle}/post/${quoted.uri.split('/').pop()}`;
    await panel.openComposeSection('Each network’s controls');
    await (await panel.page.waitForSelector('xpath/.//label[contains(., "Quote a post")]/input'))!.type(address, { delay: 0 });
    await pollUntil(async () => ((await panel.readAll('posts')) as Post[]).find((p) => p.text === text)?.quote?.url === address, 10_000);
    const preview = `[data-testid="preview-${account.id}"]`;
    expect(await panel.page.$eval(`${preview} [data-testid="preview-quote"]`, (el) => el.textContent)).toContain(address);
    const card = await panel.page.$eval(`${preview} [data-testid="preview-card"]`, (el) => ({
      href: el.getAttribute('href'),
      title: el.querySelector('.link-card__title')?.textContent,
    }));

    const published = await shareNowAndWait(text);
    expect(published).toMatchObject({ state: 'published' });
    const record = (await records()).find((r) => r.value.text === text)!.value;
    expect(record.embed).toMatchObject({
      $type: 'app.bsky.embed.recordWithMedia',
      record: { $type: 'app.bsky.embed.record', record: { uri: quoted.uri, cid: quoted.cid } },
      media: { $type: 'app.bsky.embed.external', external: { uri: card.href, title: card.title } },
    });

    // Quoting the gated post is refused, with why, and nothing goes out.
    await (await panel.page.waitForSelector('[data-testid="drafts-toggle"]', { timeout: 10_000 }))!.click();
    await (await panel.page.waitForSelector('xpath/.//button[normalize-space(.)="New draft"]', { timeout: 10_000 }))!.click();
    const refusedText = `Quoting what we may not ${uniq()}`;
    await panel.chooseAccount(handle);
    await panel.typeSharedText(refusedText);
    await panel.openComposeSection('Each network’s controls');
    const quoteBox = (await panel.page.waitForSelector('xpath/.//label[contains(., "Quote a post")]/input'))!;
    await quoteBox.click({ count: 3 });
    await panel.page.keyboard.press('Backspace');
    await quoteBox.type(`https://bsky.app/profile/${friendHandle}/post/${gatedRkey}`, { delay: 0 });
    const refused = await shareNowAndWait(refusedText);
    expect(refused.state).toBe('failed');
    expect(refused.lastError?.message).toMatch(/does not allow quotes/);
    expect((await records()).filter((r) => r.value.text === refusedText)).toEqual([]);
    await panel.show('Calendar');
    const chip = await panel.waitForChipState(refused.id, 'failed');
    expect(chip.reason).toMatch(/does not allow quotes/);
  }, 120_000);

  it('"Quote the clipped post" quotes a clipped Bluesky post as embed.record, and a clipped Mastodon post as quoted_status_id on a 4.5 server', async () => {
    /** Once "Quote the clipped post" was pressed in the draft Compose made from the clip: Share now; the post row and its delivery. */
    const quoteAndShare = async (url: string) => {
      const post = await pollUntil(async () => ((await panel.readAll('posts')) as Post[]).find((p) => p.quote?.url === url) ?? null, 10_000);
      await new Promise((done) => setTimeout(done, 600)); // past the autosave, so Share now sends what is shown
      await panel.clickButton('Share now');
      const delivery = await pollUntil(
        async () =>
          ((await panel.readAll('deliveries')) as Delivery[]).find((d) => d.postId === post.id && ['published', 'failed', 'held'].includes(d.state)) ?? null,
        30_000,
      );
      return { post, delivery };
    };

    // Bluesky: the friend's post, clipped, then quoted from Compose with one press.
    const friendHandle = friend.session!.handle;
    const quoted = await friend.post({ text: `Clip and quote me ${uniq()}`, createdAt: new Date().toISOString() });
    await processAll();
    const bskyUrl = `https://bsky.app/profile/${friendHandle}/post/${quoted.uri.split('/').pop()}`;
    const bskyTitle = await clipSocialPost({ network: 'bluesky', postUrl: bskyUrl, text: 'Clip and quote me', authorHandle: `@${friendHandle}` });
    await panel.composeFromClip(bskyTitle);
    await panel.chooseAccount(handle);
    await panel.openComposeSection('Each network’s controls');
    await panel.clickButton('Quote the clipped post');
    await panel.page.waitForSelector(`[data-testid="preview-${account.id}"] [data-testid="preview-quote"]`, { timeout: 5000 });
    const quoteCard = await panel.page.$eval(`[data-testid="preview-${account.id}"] [data-testid="preview-quote"]`, (el) => el.textContent);
    // The clipped post as a card: its author and words, and its address.
    expect(quoteCard).toContain(bskyUrl);
    expect(quoteCard).toContain(`@${friendHandle}`);
    expect(quoteCard).toContain('Clip and quote me');
    const bsky = await quoteAndShare(bskyUrl);
    expect([bsky.delivery.state, bsky.delivery.lastError?.message ?? null]).toEqual(['published', null]);
    const record = (await records()).filter((r) => r.uri === bsky.delivery.remote?.id);
    expect(record).toHaveLength(1);
    const embed = record[0]!.value.embed as { $type: string; record: { uri?: string; cid?: string; record?: { uri: string; cid: string } } };
    const ref = embed.$type === 'app.bsky.embed.recordWithMedia' ? embed.record.record : embed.record;
    expect(ref).toEqual({ uri: quoted.uri, cid: quoted.cid });

    // Mastodon: a server that says it takes quotes (api_versions.mastodon 7), a post clipped from it.
    mastodonServer = await startMastodonServer({ apiVersion: 7 });
    const connected = await connectAs(mastodonServer, 'brand');
    const mastodon = await panel.addMastodonAccount(connected, { id: 'acct_masto_quote', workspaceId: (await panel.activeWorkspace()).id });
    expect(mastodon.limits).toMatchObject({ quotes: true });
    const friendOnMastodon = mastodonServer.createAccount('friend');
    const status = await postAs(mastodonServer, friendOnMastodon.token, { status: 'Quote me on Mastodon' });
    const statusUrl = `${mastodonServer.url}/@friend/${status.id}`;
    const mastodonTitle = await clipSocialPost({ network: 'mastodon', postUrl: statusUrl, text: 'Quote me on Mastodon', authorHandle: '@friend' });
    await panel.composeFromClip(mastodonTitle);
    await panel.chooseAccount(mastodon.handle);
    const bluesky = await panel.page.waitForSelector(`xpath/.//label[contains(@class, "compose__account")][span[normalize-space(.)="@${handle}"]]/input`);
    if (await bluesky!.evaluate((input) => (input as HTMLInputElement).checked)) await bluesky!.click();
    await panel.openComposeSection('Each network’s controls');
    await panel.clickButton('Quote the clipped post');
    const toot = await quoteAndShare(statusUrl);
    expect([toot.delivery.state, toot.delivery.lastError?.message ?? null]).toEqual(['published', null]);
    const made = mastodonServer.state.visibleStatuses().filter((s) => s.id === toot.delivery.remote?.id);
    expect(made).toHaveLength(1);
    expect(made[0]!.quotedId).toBe(status.id);
    expect(mastodonServer.state.notifications.filter((n) => n.type === 'quote' && n.accountId === friendOnMastodon.account.id)).toHaveLength(1);
  }, 150_000);
});
