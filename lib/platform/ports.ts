import type { Windows } from 'webextension-polyfill';
import type { CaptureRequest } from '../capture/capture-request';
import type { RegisteredScript, SiteScriptRegistration } from '../capture/site-buttons/registrations';
import { AppError } from '../errors';
import type { PageCapture } from '../model';
import { articleCleaner, type ArticleCleaner } from './article-cleaner';
import { browser, chromeSidePanel } from './browser';
import { installContextMenus } from './context-menus';
import { captureInTab } from './inject-capture';

/**
 * Everything a background service needs from the browser, as plain functions: the one place the
 * services meet `browser.*`. Implemented once, over the polyfill, by `browserPorts()` below; unit
 * tests of a service pass a plain object instead (tests/unit/fake-ports.ts), never the fake browser.
 * Nothing here decides anything: what to say, when to set an alarm and which tab to nudge is the
 * services' business (lib/<area>/service.ts).
 */
export interface BackgroundPorts {
  alarms: AlarmsPort;
  notifications: NotificationsPort;
  badge: BadgePort;
  identity: IdentityPort;
  tabs: TabsPort;
  siteScripts: SiteScriptsPort;
  permissions: PermissionsPort;
  menus: MenusPort;
  /** Where a clipped article's markup is cleaned: this document in Firefox, the offscreen one in Chrome (./article-cleaner.ts). */
  cleanArticle: ArticleCleaner;
}

export interface AlarmsPort {
  /** When the alarm fires next (epoch ms), or undefined when none is set. */
  when(name: string): Promise<number | undefined>;
  /** Sets the alarm at `when`, or clears it (null). */
  set(name: string, when: number | null): Promise<void>;
  /** A repeating alarm, made only when none of that name exists (so its rhythm is kept). */
  repeat(name: string, periodInMinutes: number): Promise<void>;
}

/** A desktop notification; a note with the `id` of one on screen replaces it. */
export interface NoteInput {
  id?: string;
  title: string;
  message: string;
}

export interface NotificationsPort {
  show(note: NoteInput): Promise<void>;
  /** Takes a notification away (one that is gone already is no error). */
  clear(id: string): Promise<void>;
  /** The ids of the notifications Cadence shows now. */
  shownIds(): Promise<string[]>;
}

export interface BadgePort {
  /** The toolbar badge's text now ('' when none). */
  text(): Promise<string>;
  show(text: string, color: string): Promise<void>;
  /** A short tick on the toolbar icon of one tab (all tabs when undefined), cleared by itself. */
  flash(tabId: number | undefined): Promise<void>;
}

export interface IdentityPort {
  redirectUrl(): string;
  /** Opens the server's sign-in page in a browser window; resolves with the URL it redirected to. */
  launchWebAuthFlow(url: string): Promise<string>;
}

/** The address and title of a tab, as far as Cadence reads them (a tab from a menu click or a command). */
export interface TabInfo {
  id?: number;
  url?: string;
  title?: string;
}

export interface TabsPort {
  /** tabs.sendMessage: rejects when the tab has no script of ours listening. */
  send(tabId: number, message: unknown): Promise<unknown>;
  open(url: string): Promise<void>;
  /** Opens `url` in a new active tab and resolves with its id once it has loaded (rejects after 30 s). */
  openLoaded(url: string): Promise<number>;
  /** The side panel, or the panel's page in a tab where the panel cannot be opened. */
  openPanel(): Promise<void>;
  /** The active tab of the last focused browser window; AppError('cannot-capture') when there is none Cadence may read. */
  active(): Promise<TabInfo & { id: number; url: string }>;
  /** Runs the capture script in a tab and returns what it read, validated (./inject-capture.ts). */
  capture(tabId: number, request: CaptureRequest): Promise<PageCapture>;
}

/** The site script's run-time registrations (scripting.registerContentScripts and friends). */
export interface SiteScriptsPort {
  registered(): Promise<RegisteredScript[]>;
  register(scripts: SiteScriptRegistration[]): Promise<void>;
  update(scripts: SiteScriptRegistration[]): Promise<void>;
  unregister(ids: string[]): Promise<void>;
  /** The ids of the open tabs whose address matches one of the match patterns. */
  tabsMatching(patterns: string[]): Promise<number[]>;
  /** Runs script files in a tab now; rejects for a tab that cannot take them (discarded, an error page). */
  inject(tabId: number, files: string[]): Promise<void>;
}

/** Host permissions. Asking for one needs a user gesture, so only the side panel asks (./identity.ts). */
export interface PermissionsPort {
  contains(origins: string[]): Promise<boolean>;
  /** Resolves false (or rejects) when the browser keeps the permission. */
  remove(origins: string[]): Promise<boolean>;
}

export interface MenusPort {
  /** (Re)makes Cadence's context-menu items; they persist across worker restarts. */
  install(): void;
}

const ICON = '/icon-128.png';

/**
 * Chrome grants activeTab on the toolbar icon, a context-menu item or a keyboard shortcut, not on
 * a click inside the side panel (developer.chrome.com/docs/extensions/develop/concepts/activeTab).
 * Without a grant (or a host permission) the tab's URL is hidden from us, so nothing, not even a
 * link, can be filed: the panel says what works instead.
 */
export const NO_GRANT =
  'Chrome lets Cadence read a tab only after you invoke Cadence on it. Press Alt+Shift+S on the page, right-click it and choose “Clip page to Cadence”, or click the Cadence icon while the page is open, then try again.';

/** The ports over the real browser, built once by the composition root (./background.ts). */
export function browserPorts(overrides: Partial<BackgroundPorts> = {}): BackgroundPorts {
  return {
    alarms: {
      async when(name) {
        return (await browser.alarms.get(name))?.scheduledTime;
      },
      async set(name, when) {
        if (when === null) await browser.alarms.clear(name);
        else await browser.alarms.create(name, { when });
      },
      async repeat(name, periodInMinutes) {
        if (!(await browser.alarms.get(name))) await browser.alarms.create(name, { periodInMinutes });
      },
    },
    notifications: {
      async show({ id, title, message }) {
        const options = { type: 'basic' as const, iconUrl: browser.runtime.getURL(ICON), title, message };
        if (id === undefined) await browser.notifications.create(options);
        else await browser.notifications.create(id, options);
      },
      async clear(id) {
        await browser.notifications.clear(id);
      },
      async shownIds() {
        return Object.keys(await browser.notifications.getAll());
      },
    },
    badge: {
      text: () => browser.action.getBadgeText({}),
      async show(text, color) {
        await browser.action.setBadgeBackgroundColor({ color });
        await browser.action.setBadgeText({ text });
      },
      async flash(tabId) {
        const target = tabId === undefined ? {} : { tabId };
        await browser.action.setBadgeBackgroundColor({ ...target, color: '#2f7d32' });
        await browser.action.setBadgeText({ ...target, text: '✓' });
        // The badge clears itself on the next flash or navigation; a timer is best effort in a worker.
        setTimeout(() => void browser.action.setBadgeText({ ...target, text: '' }).catch(() => undefined), 2500);
      },
    },
    identity: {
      redirectUrl: () => browser.identity.getRedirectURL(),
      async launchWebAuthFlow(url) {
        const result = await browser.identity.launchWebAuthFlow({ url, interactive: true });
        if (!result) throw new Error('The sign-in window closed without an answer.');
        return result;
      },
    },
    tabs: {
      send: (tabId, message) => browser.tabs.sendMessage(tabId, message),
      async open(url) {
        await browser.tabs.create({ url });
      },
      openLoaded: openLoadedTab,
      openPanel,
      active: activeBrowsingTab,
      capture: (tabId, request) => captureInTab(tabId, request),
    },
    siteScripts: {
      registered: () => browser.scripting.getRegisteredContentScripts(),
      register: (scripts) => browser.scripting.registerContentScripts(scripts),
      update: (scripts) => browser.scripting.updateContentScripts(scripts),
      unregister: (ids) => browser.scripting.unregisterContentScripts({ ids }),
      async tabsMatching(patterns) {
        return (await browser.tabs.query({ url: patterns })).flatMap((tab) => (tab.id === undefined ? [] : [tab.id]));
      },
      async inject(tabId, files) {
        await browser.scripting.executeScript({ target: { tabId }, files });
      },
    },
    permissions: {
      contains: (origins) => browser.permissions.contains({ origins }),
      remove: (origins) => browser.permissions.remove({ origins }),
    },
    menus: { install: () => installContextMenus(browser.contextMenus) },
    cleanArticle: overrides.cleanArticle ?? articleCleaner(),
    ...overrides,
  };
}

/**
 * The side panel opens only in answer to a user's gesture, which a notification click may not
 * count as in every version: the panel's own page in a tab is the way that always works.
 */
async function openPanel(): Promise<void> {
  try {
    const sidePanel = chromeSidePanel();
    const { id: windowId } = await browser.windows.getLastFocused();
    if (sidePanel && windowId !== undefined) return await sidePanel.open({ windowId });
    const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
    if (sidebar) return await sidebar.open();
  } catch (error) {
    console.warn('Cadence: the side panel could not be opened; opening its page in a tab', error);
  }
  await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
}

/** A new tab at `url`, once its page has loaded: the listener is there before the tab exists, so no load is missed. */
async function openLoadedTab(url: string): Promise<number> {
  let tabId: number | undefined;
  let settle: (loaded: boolean) => void = () => undefined;
  const loaded = new Promise<boolean>((resolve) => (settle = resolve));
  const onUpdated = (id: number, change: { status?: string }) => {
    if (id === tabId && change.status === 'complete') settle(true);
  };
  browser.tabs.onUpdated.addListener(onUpdated);
  const timer = setTimeout(() => settle(false), 30_000);
  try {
    const tab = await browser.tabs.create({ url, active: true });
    tabId = tab.id;
    if (tabId === undefined) throw new AppError('cannot-capture', 'The browser opened no tab for this page.');
    // It may have loaded before the listener knew its id.
    if ((await browser.tabs.get(tabId)).status === 'complete') settle(true);
    if (!(await loaded)) throw new AppError('cannot-capture', 'The page did not finish loading within 30 seconds.');
    return tabId;
  } finally {
    clearTimeout(timer);
    browser.tabs.onUpdated.removeListener(onUpdated);
  }
}

/** The tab the user is looking at: the active tab of the last focused browser window (the side panel is not a window). */
async function activeBrowsingTab(): Promise<TabInfo & { id: number; url: string }> {
  // Chrome and Firefox take windowTypes here (windows.QueryOptions); the polyfill's types lag behind.
  const window = await browser.windows.getLastFocused({ windowTypes: ['normal'] } as Windows.GetInfo);
  const [tab] = await browser.tabs.query({ active: true, windowId: window.id });
  if (!tab || tab.id === undefined) throw new AppError('cannot-capture', 'No browser tab is open to clip.');
  if (!tab.url) throw new AppError('cannot-capture', NO_GRANT);
  return { id: tab.id, url: tab.url, title: tab.title };
}
