import type { Alarms, Menus, Permissions, Runtime, Tabs } from 'webextension-polyfill';
import { createWorkerState } from '../app/worker-state';
import { ensureDefaults } from '../app/ensure-defaults';
import { saveClip } from '../capture/save-clip';
import { shareNext, undoShareNext } from '../schedule/share-next';
import { fallbackCapture, linkCapture, type PageContext } from '../capture/from-context';
import { finishClip } from '../capture/finish-clip';
import { cleanSubmittedCapture } from '../capture/clean-submitted';
import { createMessageRouter, type Handlers } from '../messaging';
import { createEngageService } from '../engage/service';
import { PROTOCOL } from '../messaging/protocol';
import { DB_VERSION, openStore, type Store } from '../store';
import { AppError } from '../errors';
import type { ClipCapture } from '../model';
import { createAccountsService } from '../accounts/service';
import { createWorkspacesService } from '../workspaces/service';
import { browser, chromeSidePanel } from './browser';
import { flashClipped, notifyCaptureProblem, notifyShared } from './feedback';
import { activeBrowsingTab } from './active-tab';
import { captureInTab } from './inject-capture';
import { articleCleaner, type ArticleCleaner } from './article-cleaner';
import { installContextMenus } from './context-menus';
import { ALARMS, COMMANDS, MENUS } from '../app/names';
import { createMetricsService } from '../analytics/service';
import { createPublishService } from './publish-service';
import { createHighlightService } from '../engage/highlight-service';
import { createSiteScriptsService } from '../capture/site-buttons/service';
import type { BackgroundService, ServiceContext } from '../app/background-service';

const SETTINGS_DAMAGED = 'Cadence\'s settings could not be read, so this was not filed in any workspace. Open Settings in Cadence\'s side panel and choose "Repair settings", then try again.';

/** Said where a menu or shortcut capture has nowhere else to say it. */
const notifyFailure = (error: unknown) =>
  void notifyCaptureProblem(error instanceof AppError ? error.message : 'Cadence could not file this. Try again.').catch(() => undefined);

export interface BackgroundDeps {
  now: () => number;
  openStore?: () => Promise<Store>;
  /** Where a clipped article's markup is cleaned: the offscreen document in Chrome (./article-cleaner.ts). */
  cleanArticle?: ArticleCleaner;
}

/** Runs one step in every service; one failing service does not stop the others. */
async function eachService(services: BackgroundService[], what: string, step: (service: BackgroundService) => Promise<void> | undefined) {
  const results = await Promise.allSettled(services.map(async (service) => step(service)));
  for (const result of results) if (result.status === 'rejected') console.error(`Cadence: ${what} failed in a service`, result.reason);
}

/**
 * Builds every background service and returns the listeners the entrypoint registers
 * synchronously. Nothing here awaits before the listeners exist: the store opens lazily.
 */
export function createBackground({ now, openStore: open = () => openStore(), cleanArticle = articleCleaner() }: BackgroundDeps) {
  const store = open();
  const workerState = createWorkerState({ store, now });
  const startedAt = now();
  const started = workerState.recordStart();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // The areas of the background, each in its own module. A new one is built here and its
  // handlers spread into `handlers` below, where a message nobody answers is a type error.
  const context: ServiceContext = { store, now };
  const publish = createPublishService(context);
  const engage = createEngageService(context, { publishDelivery: publish.publishDelivery }); // replies go out in the publisher's queue
  const metrics = createMetricsService(context);
  const accounts = createAccountsService(context);
  const siteScripts = createSiteScriptsService(context);
  const highlight = createHighlightService(context);
  const workspaces = createWorkspacesService(context);
  const services: BackgroundService[] = [publish, engage, metrics, accounts, siteScripts, highlight, workspaces];

  // First-run defaults, once per worker: a capture that wakes a fresh install must not race
  // them, or its clip would be filed in no workspace and no workspace's Queue would show it.
  let defaults: Promise<unknown> | null = null;
  const ensureDefaultsOnce = () =>
    (defaults ??= store.then((opened) => ensureDefaults(opened, now, timeZone)).catch((error: unknown) => {
      defaults = null;
      throw error;
    }));

  /**
   * The workspace a capture is filed in. A damaged settings row stops the capture with a reason
   * instead: filed in no workspace, a clip shows in no Queue (issue 18).
   */
  const activeWorkspace = async () => {
    await ensureDefaultsOnce();
    const settings = await (await store).settings.get('settings');
    if (settings && !settings.ok) throw new AppError('settings-damaged', SETTINGS_DAMAGED);
    return settings?.ok ? settings.value.activeWorkspaceId : null;
  };

  const ensureAlarms = async () => {
    if (!(await browser.alarms.get(ALARMS.maintenance))) {
      await browser.alarms.create(ALARMS.maintenance, { periodInMinutes: 15 });
    }
  };

  /**
   * Reads the page in the tab (activeTab grant from the menu or shortcut) and files the clip. A
   * web page that cannot be scripted still gives a link clip that says why; a browser page gives
   * nothing but a notification saying so.
   */
  const capture = async (
    kind: 'page' | 'selection' | 'image' | 'link',
    context: PageContext,
    tabId: number | undefined,
    { notify = true }: { notify?: boolean } = {},
  ): Promise<ClipCapture | null> => {
    if (kind === 'link') return linkCapture(context);
    if (tabId === undefined || tabId < 0) return fallbackCapture(context, kind, null);
    try {
      const read = await captureInTab(tabId, { kind, pageUrl: context.pageUrl, selectionText: context.selectionText, srcUrl: context.srcUrl, linkUrl: context.linkUrl });
      if (!read.article) return finishClip(read, null);
      const cleaned = await cleanArticle(read.article.html).catch((error: unknown) => {
        console.warn("Cadence: the article's markup could not be cleaned; its words are kept", error);
        return null;
      });
      return finishClip(read, cleaned);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'cannot-capture') throw error;
      const isWebPage = /^https?:/i.test(context.pageUrl);
      // The panel shows the reason itself; menus and shortcuts have nowhere else to say it.
      if (notify) await notifyCaptureProblem(error.message);
      else if (!isWebPage) throw error;
      return isWebPage ? fallbackCapture(context, kind, error.message) : null;
    }
  };

  const clipFromContext = async (info: Menus.OnClickData | null, tab: Tabs.Tab | undefined, kind: 'page' | 'selection' | 'image' | 'link') => {
    const context: PageContext = {
      pageUrl: info?.pageUrl ?? tab?.url ?? '',
      pageTitle: tab?.title ?? '',
      linkUrl: info?.linkUrl,
      linkText: info?.linkText,
      selectionText: info?.selectionText,
      srcUrl: info?.srcUrl,
    };
    const captured = await capture(kind, context, tab?.id);
    if (!captured) return null;
    const saved = await saveClip(await store, captured, { workspaceId: await activeWorkspace(), now });
    await flashClipped(tab?.id).catch(() => undefined); // feedback is best effort; the clip is saved
    return saved;
  };

  // The publish alarm follows every change to the queue; the panel asks for it after queueing, so do we.
  const rearmPublish = () => handlers['schedule.changed']({}, { from: 'extension', tabId: null });

  /** Files the capture and queues it in the next free slots; the answer's sentence says where, or why not. */
  const shareCapture = async (captured: ClipCapture) => {
    const result = await shareNext(await store, captured, { workspaceId: await activeWorkspace(), now: now() });
    if (result.queued.length) await rearmPublish();
    return result;
  };

  /** "Add this page to the queue": the page as the capture script reads it, else a link from the menu's info. */
  const queueFromContext = async (info: Menus.OnClickData, tab: Tabs.Tab | undefined) => {
    const captured = await capture('page', { pageUrl: info.pageUrl ?? tab?.url ?? '', pageTitle: tab?.title ?? '' }, tab?.id);
    if (!captured) return;
    await notifyShared((await shareCapture(captured)).message);
  };

  const handlers: Handlers = {
    ...publish.handlers,
    ...engage.handlers,
    ...metrics.handlers,
    ...accounts.handlers,
    ...siteScripts.handlers,
    ...highlight.handlers,
    ...workspaces.handlers,
    'app.status': async () => ({ startedAt, starts: (await started).starts, dbVersion: DB_VERSION }),
    'capture.submit': async (submitted) => {
      const capture = await cleanSubmittedCapture(submitted, cleanArticle);
      const { clip, merged } = await saveClip(await store, capture, { workspaceId: await activeWorkspace(), now });
      return { clipId: clip.id, merged };
    },
    'capture.shareNext': async (submitted) => shareCapture(await cleanSubmittedCapture(submitted, cleanArticle)),
    'capture.undoShareNext': async ({ postId }) => {
      const result = await undoShareNext(await store, postId, now());
      await rearmPublish();
      return result;
    },
    'capture.activeTab': async () => {
      const tab = await activeBrowsingTab();
      const captured = await capture('page', { pageUrl: tab.url, pageTitle: tab.title ?? '' }, tab.id, { notify: false });
      if (!captured) throw new AppError('cannot-capture', 'Cadence cannot read this tab.');
      const { clip, merged } = await saveClip(await store, captured, { workspaceId: await activeWorkspace(), now });
      return { clipId: clip.id, merged, title: clip.title, kind: clip.kind, warning: captured.warnings[0] ?? null };
    },
  };
  const missing = Object.keys(PROTOCOL).filter((type) => !(type in handlers));
  if (missing.length) console.error(`Cadence: no background handler for ${missing.join(', ')}`);
  const route = createMessageRouter(handlers, { id: browser.runtime.id, origin: browser.runtime.getURL('/') });

  void chromeSidePanel()
    ?.setPanelBehavior({ openPanelOnActionClick: true })
    .catch((error: unknown) => console.error('Cadence: could not set the side panel behaviour', error));

  return {
    onInstalled: (_details: Runtime.OnInstalledDetailsType) => {
      installContextMenus(browser.contextMenus);
      void (async () => {
        await ensureDefaultsOnce();
        await ensureAlarms();
        await eachService(services, 'start-up', (service) => service.onStart?.());
      })().catch((error: unknown) => console.error('Cadence: first-run set-up failed', error));
    },
    onStartup: () => {
      void (async () => {
        await ensureAlarms();
        await eachService(services, 'start-up', (service) => service.onStart?.());
      })().catch((error: unknown) => console.error('Cadence: start-up failed', error));
    },
    onMessage: (message: unknown, sender: Runtime.MessageSender) => route(message, sender),
    onAlarm: (alarm: Alarms.Alarm) => {
      void (async () => {
        await started;
        await workerState.recordAlarm(alarm.name);
        await eachService(services, `alarm ${alarm.name}`, (service) => service.onAlarm?.(alarm.name));
      })().catch((error: unknown) => console.error(`Cadence: alarm ${alarm.name} failed`, error));
    },
    onNotificationClick: (notificationId: string) => {
      void eachService(services, 'notification click', (service) => service.onNotificationClick?.(notificationId));
    },
    onPermissionsRemoved: (removed: Permissions.Permissions) => {
      void eachService(services, 'permissions removed', (service) => service.onPermissionsRemoved?.(removed));
    },
    onContextMenu: (info: Menus.OnClickData, tab?: Tabs.Tab) => {
      if (info.menuItemId === MENUS.queuePage) {
        void queueFromContext(info, tab).catch((error: unknown) => {
          console.error('Cadence: adding the page to the queue failed', error);
          void notifyCaptureProblem(error instanceof Error ? error.message : String(error)).catch(() => undefined);
        });
        return;
      }
      const kind = ({ [MENUS.page]: 'page', [MENUS.selection]: 'selection', [MENUS.image]: 'image', [MENUS.link]: 'link' } as const)[
        String(info.menuItemId) as Exclude<(typeof MENUS)[keyof typeof MENUS], typeof MENUS.queuePage>
      ];
      if (!kind) return;
      void clipFromContext(info, tab, kind).catch((error: unknown) => {
        console.error('Cadence: clip failed', error);
        notifyFailure(error);
      });
    },
    onCommand: (command: string, tab?: Tabs.Tab) => {
      if (command === COMMANDS.nextWorkspace) {
        void workspaces.next().catch((error: unknown) => console.error('Cadence: switching workspace failed', error));
        return;
      }
      if (command !== COMMANDS.clipPage) return;
      void clipFromContext(null, tab, 'page').catch((error: unknown) => {
        console.error('Cadence: clip failed', error);
        notifyFailure(error);
      });
    },
    /** For the meta-test that every protocol message has exactly one handler. */
    handledTypes: Object.keys(handlers),
    /** For tests and the status message: resolves once the start is recorded. */
    started,
  };
}
