import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ensureDefaults } from '@/lib/app/ensure-defaults';
import { readingMinutes } from '@/lib/capture/reading-time';
import { WARNINGS } from '@/lib/capture/warnings';
import { createBackground } from '@/lib/platform/background';
import { inDocument } from '@/lib/platform/article-cleaner';
import { DB_VERSION, openStore, validRows } from '@/lib/store';
import { makeAccount, makeCapture, makeDelivery } from '../factories';
import { createWindow } from '../capture/load-page';

const origin = fakeBrowser.runtime.getURL('/');
const panelSender = { id: fakeBrowser.runtime.id, url: `${origin}sidepanel.html` };
const pageSender = {
  id: fakeBrowser.runtime.id,
  url: 'https://news.example/',
  tab: { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
};

// The Mastodon site scripts sync on start-up and on account changes (tested in site-scripts.test.ts).
beforeEach(() => {
  vi.spyOn(fakeBrowser.scripting, 'getRegisteredContentScripts').mockImplementation(async () => []);
  vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => false);
});

describe('background composition', () => {
  beforeEach(() => {
    // The fake browser does not implement these: stub what the background calls.
    vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.contextMenus, 'create').mockReturnValue('id');
    vi.spyOn(fakeBrowser.sidePanel, 'setPanelBehavior').mockResolvedValue(undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  it('on install creates a first workspace, settings pointing at it, menus and the maintenance alarm', async () => {
    const app = createBackground({ now: () => 1000 });
    app.onInstalled({ reason: 'install', temporary: false });
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get('maintenance')).toBeDefined());
    const store = await openStore();
    const [workspace] = validRows(await store.workspaces.list());
    const settings = await store.settings.get('settings');
    expect(settings?.ok && settings.value.activeWorkspaceId).toBe(workspace!.id);
    expect(fakeBrowser.contextMenus.create).toHaveBeenCalledTimes(5);
    expect(fakeBrowser.contextMenus.create).toHaveBeenCalledWith({ id: 'queue-page', title: 'Add this page to the queue', contexts: ['page'] });
    store.close();
  });

  it('answers status to the side panel and files captures from a content script', async () => {
    const app = createBackground({ now: () => 1000 });
    await app.started;
    expect(await app.onMessage({ type: 'app.status', payload: {} }, panelSender)).toMatchObject({ ok: true, value: { starts: 1, dbVersion: DB_VERSION } });
    const answer = await app.onMessage({ type: 'capture.submit', payload: makeCapture({ title: 'From the page' }) }, pageSender);
    expect(answer).toMatchObject({ ok: true, value: { merged: false } });
    const store = await openStore();
    expect(validRows(await store.clips.list()).map((clip) => clip.title)).toEqual(['From the page']);
    store.close();
  });

  it('refuses a content script capture past its limits or with a script address, and cleans its markup before storing it (issue 18)', async () => {
    const store = await openStore();
    const happy = createWindow('https://news.example/');
    const app = createBackground({ now: () => 1000, openStore: async () => store, ports: { cleanArticle: inDocument(happy.document as unknown as Document) } });
    await app.started;
    const refused = [
      makeCapture({ title: 'x'.repeat(20_000_000) }),
      makeCapture({ url: 'javascript:alert(1)' }),
      makeCapture({ sourceUrl: ' javascript:alert(1)' }),
      makeCapture({ leadImage: 'data:image/svg+xml,<svg onload=alert(1)>' }),
      makeCapture({ credits: [{ network: 'bluesky', handle: 'a.bsky.social', url: 'javascript:alert(1)' }] }),
      makeCapture({ text: 'w'.repeat(1_000_001) }),
    ];
    for (const payload of refused) {
      expect(await app.onMessage({ type: 'capture.submit', payload }, pageSender)).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(await app.onMessage({ type: 'capture.shareNext', payload }, pageSender)).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(validRows(await store.clips.list())).toEqual([]);
    const html =
      '<p onclick="alert(1)">Words <a href="javascript:alert(2)">here</a><img src="https://news.example/a.png" srcset="https://news.example/a.png 1x,data:image/svg+xml;base64,PHN2Zz4= 2x"></p><script>alert(3)</script>';
    expect(await app.onMessage({ type: 'capture.submit', payload: makeCapture({ title: 'Dirty', html }) }, pageSender)).toMatchObject({ ok: true });
    const [clip] = validRows(await store.clips.list());
    expect(clip!.html).toBe('<div><p>Words <a>here</a><img src="https://news.example/a.png"></p></div>');
    happy.happyDOM.close();
    store.close();
  });

  it('refuses to file a capture in no workspace when the settings row is damaged, and says what to do (issue 18)', async () => {
    const store = await openStore();
    await ensureDefaults(store, () => 1000, 'UTC');
    await store.db.put('settings', { id: 'settings', v: 1, activeWorkspaceId: 42 });
    const app = createBackground({ now: () => 1000, openStore: async () => store });
    await app.started;
    for (const type of ['capture.submit', 'capture.shareNext'] as const) {
      const answer = await app.onMessage({ type, payload: makeCapture() }, pageSender);
      expect(answer).toMatchObject({ ok: false, error: { code: 'settings-damaged', message: expect.stringContaining('choose "Repair settings"') } });
    }
    expect(await store.clips.count()).toBe(0);
    store.close();
  });

  it('records each alarm and sets the publish alarm to the earliest due delivery', async () => {
    const store = await openStore();
    await store.deliveries.putMany([makeDelivery({ dueAt: 5_000_000 }), makeDelivery({ dueAt: 4_000_000 }), makeDelivery({ state: 'draft', dueAt: null })]);
    const app = createBackground({ now: () => 1000, openStore: async () => store });
    app.onAlarm({ name: 'maintenance', scheduledTime: 1000 });
    await vi.waitFor(async () => expect((await fakeBrowser.alarms.get('publish'))?.scheduledTime).toBe(4_000_000));
    const state = await store.meta.get('worker');
    expect(state?.ok && state.value.alarmRuns).toEqual({ maintenance: 1 });
  });

  it('clips a link from the context menu without touching the page', async () => {
    const store = await openStore();
    const app = createBackground({ now: () => 1000, openStore: async () => store });
    app.onContextMenu(
      {
        menuItemId: 'clip-link',
        linkUrl: 'https://example.com/x?fbclid=1&q=2',
        linkText: 'Good read',
        editable: false,
        modifiers: [],
        pageUrl: 'https://a.test/',
      },
      undefined,
    );
    await vi.waitFor(async () => expect(await store.clips.count()).toBe(1));
    const [clip] = validRows(await store.clips.list());
    expect(clip).toMatchObject({ kind: 'link', url: 'https://example.com/x?q=2', title: 'Good read' });
  });
});

describe('capture from the context menu and the shortcut', () => {
  beforeEach(() => {
    vi.spyOn(fakeBrowser.sidePanel, 'setPanelBehavior').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.notifications, 'create');
  });
  afterEach(() => vi.restoreAllMocks());

  const tab = { id: 5, index: 0, highlighted: false, active: true, pinned: false, incognito: false, title: 'A page', url: 'https://news.example/a' };

  // What /capture.js returns for an article: the clip, and Readability's markup not yet cleaned.
  const readArticle = () => ({
    clip: makeCapture({ title: 'Read in the page', url: 'https://news.example/a', text: '', html: '', excerpt: '', readingMinutes: null }),
    article: { html: '<p onclick="x()">Words read <b>in</b> the page.</p>', text: 'Words read in the page.' },
  });
  const scriptReturns = (result: unknown) =>
    vi
      .spyOn(fakeBrowser.scripting, 'executeScript')
      .mockResolvedValueOnce([{ frameId: 0, result: 'text/html' }] as never)
      .mockResolvedValueOnce([{ frameId: 0, result }] as never);

  it('reads the page in the tab, has the article cleaned outside it, and files the clip', async () => {
    const store = await openStore();
    const executeScript = scriptReturns(readArticle());
    const cleanArticle = vi.fn(async (html: string) => ({ html: html.replace(' onclick="x()"', ''), text: 'Words read in the page.' }));
    const app = createBackground({ now: () => 1000, openStore: async () => store, ports: { cleanArticle } });
    app.onCommand('clip-page', tab);
    await vi.waitFor(async () => expect(await store.clips.count()).toBe(1));
    expect(cleanArticle).toHaveBeenCalledWith('<p onclick="x()">Words read <b>in</b> the page.</p>');
    expect(validRows(await store.clips.list())[0]).toMatchObject({
      title: 'Read in the page',
      kind: 'article',
      html: '<p>Words read <b>in</b> the page.</p>',
      text: 'Words read in the page.',
      excerpt: 'Words read in the page.',
      readingMinutes: readingMinutes('Words read in the page.', 'en'),
      warnings: [],
    });
    expect(executeScript).toHaveBeenLastCalledWith({ target: { tabId: 5 }, files: ['/capture.js'] });
    expect(fakeBrowser.notifications.create).not.toHaveBeenCalled();
  });

  it('keeps the words without the markup, and says so, when the article cannot be cleaned', async () => {
    const store = await openStore();
    scriptReturns(readArticle());
    const cleanArticle = vi.fn(async () => Promise.reject(new Error('The offscreen document did not answer within 10 s.')));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const app = createBackground({ now: () => 1000, openStore: async () => store, ports: { cleanArticle } });
    app.onCommand('clip-page', tab);
    await vi.waitFor(async () => expect(await store.clips.count()).toBe(1));
    expect(validRows(await store.clips.list())[0]).toMatchObject({
      kind: 'article',
      html: '',
      text: 'Words read in the page.',
      warnings: [WARNINGS.formattingLost],
    });
  });

  it('files a clip that needs no cleaning without asking for it', async () => {
    const store = await openStore();
    scriptReturns({ clip: makeCapture({ kind: 'selection', title: 'Quoted' }), article: null });
    const cleanArticle = vi.fn();
    const app = createBackground({ now: () => 1000, openStore: async () => store, ports: { cleanArticle } });
    app.onCommand('clip-page', tab);
    await vi.waitFor(async () => expect(await store.clips.count()).toBe(1));
    expect(validRows(await store.clips.list())[0]).toMatchObject({ kind: 'selection', title: 'Quoted' });
    expect(cleanArticle).not.toHaveBeenCalled();
  });

  it('keeps a link clip that says why when the page refuses scripts, and tells the user', async () => {
    const store = await openStore();
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('Cannot access contents of the page'));
    const app = createBackground({ now: () => 1000, openStore: async () => store });
    app.onContextMenu({ menuItemId: 'clip-page', editable: false, modifiers: [], pageUrl: tab.url }, tab);
    await vi.waitFor(async () => expect(await store.clips.count()).toBe(1));
    const [clip] = validRows(await store.clips.list());
    expect(clip).toMatchObject({ kind: 'link', url: 'https://news.example/a', title: 'A page' });
    expect(clip!.warnings[0]).toMatch(/cannot read this tab/);
    expect(fakeBrowser.notifications.create).toHaveBeenCalledOnce();
  });

  it('saves nothing for a browser page and says it cannot be clipped', async () => {
    const store = await openStore();
    const executeScript = vi.spyOn(fakeBrowser.scripting, 'executeScript');
    const app = createBackground({ now: () => 1000, openStore: async () => store });
    app.onCommand('clip-page', { ...tab, url: 'chrome://settings/' });
    await vi.waitFor(() => expect(fakeBrowser.notifications.create).toHaveBeenCalledOnce());
    expect(executeScript).not.toHaveBeenCalled();
    expect(await store.clips.count()).toBe(0);
  });
});

describe('Share next and "Add this page to the queue"', () => {
  beforeEach(() => {
    vi.spyOn(fakeBrowser.sidePanel, 'setPanelBehavior').mockResolvedValue(undefined);
    vi.spyOn(fakeBrowser.notifications, 'create');
  });
  afterEach(() => vi.restoreAllMocks());

  /** The first-run workspace with one Bluesky account posting on Tuesdays at 09:00. */
  const withScheduledAccount = async () => {
    const store = await openStore();
    const settings = await ensureDefaults(store, () => 1, 'Europe/Berlin');
    await store.accounts.put(
      makeAccount({ workspaceId: settings!.activeWorkspaceId!, handle: 'brand.bsky.social', schedule: [{ weekday: 2, time: '09:00' }] }),
    );
    const app = createBackground({ now: () => Date.parse('2025-03-24T07:00:00Z'), openStore: async () => store });
    return { store, app };
  };

  it('a site script shares a post: clip, post and delivery, the publish alarm set, the answer in words', async () => {
    const { store, app } = await withScheduledAccount();
    const answer = await app.onMessage({ type: 'capture.shareNext', payload: makeCapture({ title: 'From the feed' }) }, pageSender);
    expect(answer).toMatchObject({ ok: true, value: { message: 'Queued for Tue 09:00 on @brand.bsky.social.' } });
    expect(await store.posts.count()).toBe(1);
    const [delivery] = validRows(await store.deliveries.list());
    expect((await fakeBrowser.alarms.get('publish'))?.scheduledTime).toBe(delivery!.dueAt);
  });

  it('refuses Share next from anything but a site script, and a payload that is not a capture', async () => {
    const { store, app } = await withScheduledAccount();
    expect(await app.onMessage({ type: 'capture.shareNext', payload: makeCapture() }, panelSender)).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await app.onMessage({ type: 'capture.shareNext', payload: { ...makeCapture(), kind: 'script' } }, pageSender)).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await store.clips.count()).toBe(0);
  });

  it('the menu item queues a page it cannot read as a link from the menu, and says where it went', async () => {
    const { store, app } = await withScheduledAccount();
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockRejectedValue(new Error('Cannot access contents of the page'));
    const tab = {
      id: 5,
      index: 0,
      highlighted: false,
      active: true,
      pinned: false,
      incognito: false,
      title: 'A page',
      url: 'https://news.example/a?utm_source=x',
    };
    app.onContextMenu({ menuItemId: 'queue-page', editable: false, modifiers: [], pageUrl: tab.url }, tab);
    await vi.waitFor(async () => expect(await store.deliveries.count()).toBe(1));
    expect(validRows(await store.clips.list())).toMatchObject([{ kind: 'link', url: 'https://news.example/a', title: 'A page', status: 'used' }]);
    await vi.waitFor(() =>
      expect(fakeBrowser.notifications.create).toHaveBeenCalledWith(
        expect.objectContaining({ message: expect.stringMatching(/^Queued for Tue 09:00 on @brand\.bsky\.social/) }),
      ),
    );
  });
});
