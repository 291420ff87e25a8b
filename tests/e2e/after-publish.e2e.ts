import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AtpAgent } from '@atproto/api';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account, Delivery, Post } from '@/lib/model';
import { connectAs } from '../harness/mastodon/connect-account';
import { startMastodonServer, type MastodonServer } from '../harness/mastodon-server';
import { createAccount, pollUntil, processAll, uniq } from '../integration/support';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';
import { noisyPng } from './support/png';

/**
 * Issue 17, after publishing, through the real side panel: one post with an image goes out to the
 * local AT Protocol network and to the project's Mastodon server. From the published chips, the
 * Bluesky one is deleted (the record leaves the PDS; no edit is offered there), the Mastodon one is
 * edited (the server has the new text and still its image) and deleted, after a server error that
 * says so and a status already deleted on the server that counts as deleted. The post edited in
 * Compose afterwards leaves every delivery's record of what it sent as it was.
 */
const passwordOf = (handle: string) => `${handle.replace(/\.test$/, '')}-password`;

describe('deleting and editing published posts from the calendar (Chromium)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let server: MastodonServer;
  let brand: AtpAgent;
  let bskyHandle: string;
  let masto: Account;
  let files: string;

  const delivery = async (id: string) => (await panel.readRow('deliveries', id)) as Delivery;
  const recordsWithText = async (text: string) => {
    const { data } = await brand.com.atproto.repo.listRecords({ repo: brand.session!.did, collection: 'app.bsky.feed.post', limit: 100 });
    return data.records.filter((record) => (record.value as { text?: string }).text === text);
  };
  /** A button of one chip, by its words. */
  const chipButton = async (deliveryId: string, label: string): Promise<ElementHandle<HTMLButtonElement> | null> => {
    const chip = await panel.page.waitForSelector(`[data-delivery="${deliveryId}"]`, { timeout: 10_000 });
    const [button] = await chip!.$$(`xpath/.//button[normalize-space(.)="${label}"]`);
    return (button as ElementHandle<HTMLButtonElement> | undefined) ?? null;
  };
  const press = async (deliveryId: string, label: string) => {
    const button = await chipButton(deliveryId, label);
    if (!button) throw new Error(`no button "${label}" on chip ${deliveryId}`);
    await button.click();
  };
  const chipText = (deliveryId: string, testId: string) =>
    panel.page
      .waitForFunction(
        (id, test) => document.querySelector(`[data-delivery="${id}"] [data-testid="${test}"]`)?.textContent || null,
        { timeout: 15_000 },
        deliveryId,
        testId,
      )
      .then(async (handle) => String(await handle.jsonValue()));
  const sentParts = (deliveryId: string) =>
    panel.page.$$eval(`[data-delivery="${deliveryId}"] [data-testid="sent-parts"] li`, (items) => items.map((item) => item.textContent ?? ''));

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'cadence-after-'));
    writeFileSync(join(files, 'roast.png'), noisyPng(400, 300));
    server = await startMastodonServer();
    const connected = await connectAs(server, 'brand');
    ext = await launchWithExtension({ build: 'e2e' });
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    const workspace = await panel.activeWorkspace();
    brand = await createAccount('brand-after');
    bskyHandle = brand.session!.handle;
    await processAll(); // connecting reads the profile from the AppView
    await panel.connectBluesky({ handle: bskyHandle, password: passwordOf(bskyHandle), server: inject('pdsUrl') });
    masto = await panel.addMastodonAccount(connected, { id: 'acct_masto_after', workspaceId: workspace.id });
  });
  afterAll(async () => {
    await ext?.close();
    await server?.close();
  });

  it('deletes from Bluesky, edits and deletes on Mastodon, and keeps what went out when the post is edited after', async () => {
    const text = `Fresh roast, ${uniq()}`;
    await panel.show('Compose');
    await panel.chooseAccount(bskyHandle);
    await panel.chooseAccount(masto.handle);
    await panel.typeSharedText(text);
    const input = (await panel.page.waitForSelector('input[type="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(join(files, 'roast.png'));
    const mediaId = await (await panel.page.waitForSelector('[data-media]', { timeout: 30_000 }))!.evaluate(
      (element) => (element as HTMLElement).dataset.media!,
    );
    await panel.page.type(`#alt-${mediaId}`, 'Beans in the roaster', { delay: 0 });
    await panel.page.waitForSelector('[data-testid="media-warnings"]', { hidden: true });
    await panel.clickButton('Share now');
    expect(await panel.status('compose-status')).toMatch(/^Publishing now on /);

    const published = await pollUntil(async () => {
      const rows = ((await panel.readAll('deliveries')) as Delivery[]).filter((d) => d.state !== 'draft');
      return rows.length === 2 && rows.every((d) => d.state === 'published') ? rows : null;
    }, 30_000);
    const bsky = published.find((d) => d.network === 'bluesky')!;
    const toot = published.find((d) => d.network === 'mastodon')!;
    const [src] = (bsky.sent?.parts[0]?.media ?? []).map((media) => media.src);
    expect(src).toMatch(/^blob:/);
    expect(toot.sent?.parts).toEqual([
      { text, alts: ['Beans in the roaster'], link: null, media: [{ src, alt: 'Beans in the roaster', mime: expect.stringMatching(/^image\//) }] },
    ]);
    expect((await recordsWithText(text)).map((record) => record.uri)).toEqual([bsky.remote!.id]);
    const status = server.state.statuses.get(toot.remote!.id)!;
    expect(status).toMatchObject({ text, deleted: false });
    expect(status.mediaIds).toHaveLength(1);

    await panel.show('Calendar');
    await panel.waitForChipState(bsky.id, 'published');
    await panel.waitForChipState(toot.id, 'published');
    // What went out is on the chip; Bluesky has no edit, so none is offered there.
    await panel.page.click(`[data-delivery="${bsky.id}"] [data-testid="sent-record"] summary`);
    expect(await sentParts(bsky.id)).toEqual([text]);
    await panel.page.waitForSelector(`[data-delivery="${bsky.id}"] [data-testid="sent-media"] li[data-src="${src}"] img[alt="Beans in the roaster"]`, {
      timeout: 10_000,
    });
    expect(await chipButton(bsky.id, 'Edit on Bluesky')).toBeNull();
    expect(await chipButton(toot.id, 'Edit on Mastodon')).not.toBeNull();

    // Delete from Bluesky asks first; Keep it leaves it be.
    await press(bsky.id, 'Delete from Bluesky');
    await panel.page.waitForSelector(`[data-delivery="${bsky.id}"] .chip__confirm`);
    expect(await panel.page.evaluate(() => document.activeElement?.textContent)).toBe('Delete from Bluesky');
    await press(bsky.id, 'Keep it');
    await panel.page.waitForSelector(`[data-delivery="${bsky.id}"] .chip__confirm`, { hidden: true });
    expect(await recordsWithText(text)).toHaveLength(1);
    await press(bsky.id, 'Delete from Bluesky');
    await panel.page.waitForSelector(`[data-delivery="${bsky.id}"] .chip__confirm`);
    await press(bsky.id, 'Delete from Bluesky');
    expect(await chipText(bsky.id, 'published-status')).toBe('Deleted from Bluesky. Cadence keeps the record of what went out.');
    const bskyChip = await panel.waitForChipState(bsky.id, 'deleted');
    expect(bskyChip.label).toContain(`@${bskyHandle}, deleted: ${text}`);
    expect(await chipText(bsky.id, 'chip-deleted')).toMatch(/^Deleted from Bluesky on .+\. What went out is kept below\.$/);
    expect(await recordsWithText(text)).toEqual([]);
    const rkey = bsky.remote!.id.split('/').pop()!;
    await expect(brand.com.atproto.repo.getRecord({ repo: brand.session!.did, collection: 'app.bsky.feed.post', rkey })).rejects.toThrow();
    expect(await chipButton(bsky.id, 'Delete from Bluesky')).toBeNull();
    expect(await delivery(bsky.id)).toMatchObject({ state: 'deleted', sent: bsky.sent, remote: bsky.remote });

    // Edit on Mastodon: the server gets the new words and keeps the image.
    const fixed = `${text}, now in stock`;
    await press(toot.id, 'Edit on Mastodon');
    const box = await panel.page.waitForSelector(`[data-delivery="${toot.id}"] .chip__edit textarea`);
    expect(await panel.page.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.value)).toBe(text);
    await box!.click({ count: 3 });
    await panel.page.keyboard.press('End');
    await panel.page.keyboard.type(', now in stock', { delay: 0 });
    await press(toot.id, 'Save edit');
    expect(await chipText(toot.id, 'published-status')).toBe('Edited on Mastodon.');
    expect(server.state.statuses.get(toot.remote!.id)).toMatchObject({ text: fixed, mediaIds: status.mediaIds, deleted: false });
    expect(server.requests.filter((request) => request.method === 'PUT').map((request) => request.path)).toEqual([`/api/v1/statuses/${toot.remote!.id}`]);
    expect(await chipText(toot.id, 'chip-network-edited')).toMatch(/^Edited on Mastodon on .+: the words below are the ones there now\.$/);
    await panel.page.waitForFunction(
      (id, words) => document.querySelector(`[data-delivery="${id}"] .chip__text`)?.textContent === words.slice(0, 60),
      { timeout: 10_000 },
      toot.id,
      fixed,
    );
    const edited = await delivery(toot.id);
    expect(edited.edits?.map((edit) => edit.parts)).toEqual([[fixed]]);
    expect(edited.sent).toEqual(toot.sent);

    // The post edited in Compose afterwards (its words, its image gone): the records stay as they went out.
    await panel.page.click(`[data-delivery="${toot.id}"] .chip__button`);
    await panel.page.waitForSelector('[data-testid="compose-published"]', { timeout: 10_000 });
    const later = `Words for next time ${uniq()}`;
    await panel.typeSharedText(later);
    await panel.page.click('button[aria-label="Remove image 1"]');
    await pollUntil(async () => {
      const post = (await panel.readRow('posts', bsky.postId)) as Post;
      return post.text === later && post.media.length === 0;
    }, 10_000);
    await panel.show('Calendar');
    await panel.waitForChipState(bsky.id, 'deleted');
    expect((await delivery(bsky.id)).sent).toEqual(bsky.sent);
    expect((await delivery(toot.id)).sent).toEqual(toot.sent);
    await panel.page.click(`[data-delivery="${bsky.id}"] [data-testid="sent-record"] summary`);
    expect(await sentParts(bsky.id)).toEqual([text]);
    // The image left the post, and its blob stayed for the record.
    await panel.page.waitForSelector(`[data-delivery="${bsky.id}"] [data-testid="sent-media"] li[data-src="${src}"] img`, { timeout: 10_000 });

    // Delete from Mastodon: a server error is said plainly and changes nothing.
    server.fault({ kind: 'answer', status: 500, path: `/api/v1/statuses/${toot.remote!.id}` });
    await press(toot.id, 'Delete from Mastodon');
    await press(toot.id, 'Delete from Mastodon');
    expect(await chipText(toot.id, 'published-error')).toBe(
      'Mastodon had a problem (500), so the post was not deleted. Nothing changed; choose Delete from Mastodon again in a moment.',
    );
    expect(await delivery(toot.id)).toMatchObject({ state: 'published' });
    expect(server.state.statuses.get(toot.remote!.id)!.deleted).toBe(false);

    // Someone deleted it on the server meanwhile: Cadence's delete finds it gone and counts it deleted.
    server.state.statuses.get(toot.remote!.id)!.deleted = true;
    await press(toot.id, 'Delete from Mastodon');
    expect(await chipText(toot.id, 'published-status')).toBe('Deleted from Mastodon. Cadence keeps the record of what went out.');
    await panel.waitForChipState(toot.id, 'deleted');
    expect(await delivery(toot.id)).toMatchObject({ state: 'deleted', sent: toot.sent, edits: edited.edits });
    expect(ext.workerErrors).toEqual([]);
  }, 120_000);
});
