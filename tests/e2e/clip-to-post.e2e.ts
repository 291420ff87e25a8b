import type { AtpAgent } from '@atproto/api';
import type { WebWorker } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account, Clip, Delivery } from '@/lib/model';
import { servePages, type PageServer } from '../harness/corpus-server';
import { connectAs } from '../harness/mastodon/connect-account';
import { startMastodonServer, type MastodonServer } from '../harness/mastodon-server';
import { createAccount, pollUntil, processAll, uniq } from '../integration/support';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';
import { noisyPng } from './support/png';
import { openReadingTab } from './support/reading-tab';

/**
 * Issue 17, from a page to the networks, in real Chromium through the real capture path and the
 * side panel: a "Clip link" to an article already clipped keeps the article (and notes the link's
 * text); a clipped selection becomes a quote post with its deep link and credit, and a template
 * fills {quote} and {quoteUrl}; a post's language reaches Bluesky (`langs`, on the local AT
 * Protocol network) and Mastodon (`language`, with its visibility, content warning and sensitive
 * flag, on the project's Mastodon test server).
 */

const QUOTE = 'Small councils decide big things when nobody is watching the agenda.';
const paragraph = (n: number) =>
  `<p>Paragraph ${n} of the report on the harbour council's budget, long enough that a reader view offers to show it, with more words so Readability keeps it as the body of the article.</p>`;
const articlePage = (title: string, quotedHandle: string) => `<!doctype html><html lang="de-DE"><head><meta charset="utf-8"><title>${title}</title>
<meta property="og:image" content="/lead.png"><meta name="author" content="Ada Quill">
<meta name="fediverse:creator" content="@ada@example.social"><link rel="me" href="https://bsky.app/profile/${quotedHandle}"></head>
<body><article><h1>${title}</h1>${paragraph(1)}<p id="quote">${QUOTE}</p>${[2, 3, 4, 5, 6, 7].map(paragraph).join('\n')}</article></body></html>`;

describe('from a clipped page to a post on each network (Chromium)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let worker: WebWorker;
  let pages: PageServer;
  let mastodonServer: MastodonServer;
  let brand: AtpAgent;
  let quoted: AtpAgent;
  let mastodon: Account;
  const title = `Harbour budget passes ${uniq()}`;
  let articleUrl: string;

  beforeAll(async () => {
    quoted = await createAccount('quoted');
    brand = await createAccount('brand-clip');
    await processAll(); // connecting reads the profile from the AppView
    pages = await servePages({
      pages: { article: articlePage(title, quoted.session!.handle), index: '<!doctype html><title>Links</title><p><a href="/page/article">click here</a></p>' },
      paths: { '/lead.png': noisyPng(60, 40) },
    });
    articleUrl = `${pages.origin}/page/article`;
    mastodonServer = await startMastodonServer();
    const connected = await connectAs(mastodonServer, 'brand');
    ext = await launchWithExtension({ build: 'e2e' });
    worker = await ext.worker();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    const workspace = await panel.activeWorkspace();
    mastodon = await panel.addMastodonAccount(connected, { id: 'acct_masto_clip', workspaceId: workspace.id });
    await panel.connectBluesky({
      handle: brand.session!.handle,
      password: `${brand.session!.handle.replace(/\.test$/, '')}-password`,
      server: inject('pdsUrl'),
    });
  });
  afterAll(async () => {
    await ext?.close();
    await pages?.close();
    await mastodonServer?.close();
  });

  const clipWhere = (test: (clip: Clip) => boolean, what: string) => panel.waitForClipRow(test, what, { workerErrors: ext.workerErrors });
  /** The Queue card titled `title` of this kind: its note, and whether its lead image loaded. */
  const cardDetails = (kind: string) =>
    panel.page.$$eval(
      '[data-testid="clip-list"] .clip-card',
      (cards, wantedKind, wantedTitle) => {
        const card = cards.find(
          (c) => c.querySelector('.clip-card__kind')?.textContent === wantedKind && c.querySelector('.clip-card__title')?.textContent === wantedTitle,
        );
        const image = card?.querySelector<HTMLImageElement>('img.clip-card__lead');
        return card
          ? { note: card.querySelector('.clip-card__note')?.textContent ?? null, image: image ? { src: image.src, width: image.naturalWidth } : null }
          : null;
      },
      kind,
      title,
    );

  it('right-click "Clip link" to an article already clipped keeps its title, byline, image and text, and adds the link text as a note', async () => {
    const { page, tab } = await openReadingTab(ext, articleUrl);
    await worker.evaluate((command, target) => chrome.commands.onCommand.dispatch(command, target), 'clip-page', tab);
    const article = await clipWhere((clip) => clip.url === articleUrl && clip.kind === 'article', 'of the article');
    expect(article).toMatchObject({ title, byline: 'Ada Quill', leadImage: `${pages.origin}/lead.png`, lang: 'de-DE', note: '' });
    expect(article.text).toContain('Paragraph 7');
    await page.close();

    const { page: index, tab: indexTab } = await openReadingTab(ext, `${pages.origin}/page/index`);
    await worker.evaluate(
      (info, target) => chrome.contextMenus.onClicked.dispatch(info, target),
      {
        menuItemId: 'clip-link',
        pageUrl: `${pages.origin}/page/index`,
        linkUrl: `${articleUrl}?utm_source=newsletter`,
        linkText: 'click here',
        editable: false,
      },
      indexTab,
    );
    const merged = await clipWhere((clip) => clip.id === article.id && clip.note === 'click here', 'with the link text as its note');
    expect(merged).toMatchObject({
      kind: 'article',
      title,
      byline: 'Ada Quill',
      leadImage: article.leadImage,
      excerpt: article.excerpt,
      text: article.text,
      html: article.html,
    });
    expect((await panel.clipRows()).filter((clip) => clip.url === articleUrl)).toHaveLength(1);
    await index.close();

    await panel.page.bringToFront();
    const card = await panel.searchFor('Ada Quill', { kind: 'Article', title });
    expect(card.meta).toContain('Ada Quill');
    // The lead image is kept as its web address and not loaded from the Queue (issue 24: the panel
    // tells no image host what was clipped); Compose offers it when the clip is opened there.
    expect(await cardDetails('Article')).toEqual({ note: 'click here', image: null });
    await panel.search('');
  });

  it('Compose from a clipped selection writes the quote, its credit per network and its deep link, and a template fills {quote} and {quoteUrl}', async () => {
    const { page, tab } = await openReadingTab(ext, articleUrl);
    const selected = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('quote')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return getSelection()!.toString();
    });
    await worker.evaluate(
      (info, target) => chrome.contextMenus.onClicked.dispatch(info, target),
      { menuItemId: 'clip-selection', pageUrl: articleUrl, selectionText: selected, editable: false },
      tab,
    );
    const quote = await clipWhere((clip) => clip.kind === 'selection' && clip.url === articleUrl, 'of the selection');
    const deepLink = quote.quote!.fragmentUrl;
    expect(deepLink).toBe(`${articleUrl}#:~:text=Small%20councils%20decide%20big,is%20watching%20the%20agenda.`);
    await page.close();

    await panel.page.bringToFront();
    await panel.show('Queue');
    await panel.filter('Kind', 'selection');
    await panel.composeFromClip(title);
    expect(await panel.sharedText()).toBe(`“${QUOTE}”\n— Ada Quill\n${deepLink}`);
    expect(await panel.variantText(brand.session!.handle)).toBe(`“${QUOTE}”\n— Ada Quill (@${quoted.session!.handle})\n${deepLink}`);
    expect(await panel.variantText(mastodon.handle)).toBe(`“${QUOTE}”\n— Ada Quill (@ada@example.social)\n${deepLink}`);

    // A template made of the placeholders, saved from the editor and inserted into an empty one.
    await panel.clickButton('Shared text');
    await panel.typeSharedText('Worth reading: “{quote}” {quoteUrl}');
    await panel.openComposeSection('Templates and snippets');
    await (await panel.page.waitForSelector('xpath/.//form[contains(@class, "templates__form")]//label[contains(., "Template name")]//input'))!.type(
      'Quote card',
    );
    await panel.clickButton('Save text as template');
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="templates-status"]')?.textContent === 'Saved “Quote card”.', {
      timeout: 5000,
    });
    await panel.typeSharedText('');
    await panel.clickButton('Insert “Quote card”');
    await panel.page.waitForFunction(
      (wanted) => document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Shared text"]')?.value === wanted,
      { timeout: 5000 },
      `Worth reading: “${QUOTE}” ${deepLink}`,
    );
  });

  it('a post in the language picked in Compose reaches Bluesky with that langs, and Mastodon with it, its audience, content warning and sensitive flag', async () => {
    await panel.show('Queue');
    await panel.filter('Kind', 'article');
    await panel.composeFromClip(title);
    // The picker starts from the page's language (de-DE: German); the user picks French.
    await panel.openComposeSection('Language and audience');
    const language = 'select:has(option[value="fr"])';
    expect(await panel.page.$eval(language, (select) => (select as HTMLSelectElement).value)).toBe('de');
    await panel.page.select(language, 'fr');
    await panel.page.select('.compose__mastodon select', 'unlisted');
    await (await panel.page.waitForSelector('.compose__mastodon input:not([type])'))!.type('Budget figures');
    await panel.page.click('.compose__mastodon input[type="checkbox"]');
    await new Promise((done) => setTimeout(done, 600)); // past the 400 ms autosave, so Share now sends what is shown
    await panel.clickButton('Share now');
    expect(await panel.status('compose-status')).toMatch(/^Publishing now on /);

    const published = await pollUntil(async () => {
      const rows = ((await panel.readAll('deliveries')) as Delivery[]).filter((d) => d.state === 'published' || d.state === 'failed');
      return rows.length === 2 ? rows : null;
    }, 30_000);
    expect(published.map((d) => [d.network, d.state, d.lastError])).toEqual(
      expect.arrayContaining([
        ['bluesky', 'published', null],
        ['mastodon', 'published', null],
      ]),
    );

    const { data } = await brand.com.atproto.repo.listRecords({ repo: brand.session!.did, collection: 'app.bsky.feed.post', limit: 10 });
    const record = data.records.map((r) => r.value as { text: string; langs?: string[] }).find((value) => value.text.startsWith(title));
    expect(record?.langs).toEqual(['fr']);

    const status = mastodonServer.state.visibleStatuses().find((s) => s.text.startsWith(title));
    expect(status).toMatchObject({ visibility: 'unlisted', language: 'fr', spoilerText: 'Budget figures', sensitive: true });
    expect(ext.workerErrors).toEqual([]);
  });
});
