import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

const XSS_TITLE = '<img src=x onerror=alert(1)>';
const LINKS = [
  { linkUrl: 'http://127.0.0.1:9/cold-brew', linkText: 'Cold brew guide' },
  { linkUrl: 'http://localhost:9/tea', linkText: 'Green tea basics' },
  { linkUrl: 'http://127.0.0.1:9/cafe', linkText: 'Café crème review' },
  { linkUrl: 'javascript:alert(1)', linkText: XSS_TITLE },
];

describe('the Queue: search, filters, tags, archive (issue 3)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  const dialogs: string[] = [];

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    panel.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const worker = await ext.worker();
    for (const link of LINKS) {
      // One click at a time, so capturedAt orders them as listed.
      await worker.evaluate((info) => {
        chrome.contextMenus.onClicked.dispatch({ menuItemId: 'clip-link', pageUrl: 'http://127.0.0.1:9/', ...info }, { id: -1, title: 'Front page' });
      }, link);
      await panel.waitForClip(link.linkText);
    }
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('lists newest first with the count of matches', async () => {
    await panel.waitForTitles([XSS_TITLE, 'Café crème review', 'Green tea basics', 'Cold brew guide']);
    expect(await panel.matchCount()).toBe('4 clips');
  });

  it('searches the stored index, accent-insensitively, and says what to try when nothing matches', async () => {
    await panel.search('creme');
    await panel.waitForTitles(['Café crème review']);
    expect(await panel.matchCount()).toBe('1 clip');
    await panel.search('nothing-like-this');
    await panel.page.waitForSelector('[aria-label="No matching clips"]');
    expect(await panel.page.$eval('[aria-label="No matching clips"]', (element) => element.textContent)).toContain('fewer words');
    await panel.search('');
    await panel.waitForTitles([XSS_TITLE, 'Café crème review', 'Green tea basics', 'Cold brew guide']);
  });

  it('filters by site and kind', async () => {
    await panel.filter('Site', 'localhost');
    await panel.waitForTitles(['Green tea basics']);
    await panel.filter('Site', '');
    await panel.filter('Kind', 'article');
    await panel.waitForTitles([]);
    await panel.filter('Kind', 'link');
    await panel.waitForTitles([XSS_TITLE, 'Café crème review', 'Green tea basics', 'Cold brew guide']);
  });

  it('moves between clips with the arrow keys', async () => {
    await panel.focusClip('Café crème review');
    await panel.press('ArrowDown');
    expect(await panel.focusedClipTitle()).toBe('Green tea basics');
    await panel.press('ArrowUp');
    await panel.press('ArrowUp');
    expect(await panel.focusedClipTitle()).toBe(XSS_TITLE);
  });

  it('tags a clip inline by keyboard, and the tag filter and the stored index follow', async () => {
    await panel.tagClip('Cold brew guide', 'Launch, #coffee');
    await panel.page.waitForFunction(() => document.querySelector('.clip-card__tags')?.textContent === '#launch#coffee');
    await panel.page.waitForFunction(() =>
      [...document.querySelectorAll('select[aria-label="Tag"] option')].some((option) => option.textContent === '#launch (1)'),
    );
    await panel.filter('Tag', 'launch');
    await panel.waitForTitles(['Cold brew guide']);
    const id = await panel.page.$eval('.clip-row', (row) => row.getAttribute('data-clip-id'));
    const row = (await panel.readRow('clipTerms', id!)) as { termsAt: [string, number][] };
    expect(row.termsAt.map(([term]) => term)).toEqual(expect.arrayContaining(['launch', 'coffee', '\u0001tag:launch']));
    await panel.filter('Tag', '');
    await panel.waitForTitles([XSS_TITLE, 'Café crème review', 'Green tea basics', 'Cold brew guide']);
  });

  it('selects with Space and archives the selection', async () => {
    await panel.selectClip('Green tea basics');
    await panel.page.waitForSelector('[role="toolbar"][aria-label="Selected clips"]');
    await panel.archiveSelected();
    await panel.waitForTitles([XSS_TITLE, 'Café crème review', 'Cold brew guide']);
    // The count follows the write exactly (the tally kept with the clips), not the count before it.
    await panel.page.waitForSelector('[data-testid="match-count"][data-total="3"]');
    expect(await panel.matchCount()).toBe('3 clips');
    await panel.filter('Status', 'archived');
    await panel.waitForTitles(['Green tea basics']);
    await panel.filter('Status', 'active');
  });

  it('renders a hostile title and a javascript: URL as inert text', async () => {
    await panel.waitForTitles([XSS_TITLE, 'Café crème review', 'Cold brew guide']);
    const row = await panel.page.$eval('.clip-row', (element) => ({
      title: element.querySelector('.clip-card__title')?.textContent,
      href: element.querySelector('.clip-card__title')?.getAttribute('href') ?? null,
      links: [...element.querySelectorAll('a[href]')].map((link) => link.getAttribute('href')),
    }));
    expect(row).toEqual({ title: XSS_TITLE, href: null, links: [] });
    expect(await panel.page.$$eval('img', (images) => images.length)).toBe(0);
    await panel.focusClip(XSS_TITLE);
    await panel.press('Enter');
    await new Promise((done) => setTimeout(done, 300));
    expect(dialogs).toEqual([]);
  });
});
