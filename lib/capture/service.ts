import type { BackgroundService, MenuClick, ServiceContext } from '../app/background-service';
import { COMMANDS, MENUS } from '../app/names';
import { AppError } from '../errors';
import type { CAPTURE_PROTOCOL } from '../messaging/protocols/capture';
import type { Clip, ClipCapture, FeedLink } from '../model';
import type { TabInfo } from '../platform/ports';
import { shareNext, undoShareNext } from '../schedule/share-next';
import type { CaptureKind } from './capture-request';
import { cleanSubmittedCapture } from './clean-submitted';
import { finishClip } from './finish-clip';
import { fallbackCapture, linkCapture, type PageContext } from './from-context';
import { saveClip } from './save-clip';

export interface CaptureServiceDeps {
  /** The workspace a capture is filed in (lib/app/service.ts: after the first-run defaults; refuses on damaged settings). */
  activeWorkspace(): Promise<string | null>;
  /** The publish alarm follows every change to the queue (the publisher's `schedule.changed`). */
  rearmPublish(): Promise<unknown>;
}

const MENU_KINDS: Partial<Record<string, 'page' | 'selection' | 'image' | 'link'>> = {
  [MENUS.page]: 'page',
  [MENUS.selection]: 'selection',
  [MENUS.image]: 'image',
  [MENUS.link]: 'link',
};

/**
 * Capture in the background: the context menus, the clip shortcut, "Clip this page" in the Queue,
 * and the site scripts' Clip and Share next. Reads the page in the tab (activeTab grant from the
 * menu or shortcut) and files the clip; a web page that cannot be scripted still gives a link clip
 * that says why; a browser page gives nothing but a notification saying so.
 */
export interface CaptureService extends BackgroundService<keyof typeof CAPTURE_PROTOCOL | 'capture.submit'> {
  readPage(tabId: number, pageUrl: string, workspaceId: string | null): Promise<{ clip: Clip; merged: boolean; warning: string | null }>;
}

export function createCaptureService({ store, now, ports }: ServiceContext, deps: CaptureServiceDeps): CaptureService {
  const file = async (captured: ClipCapture) => saveClip(await store, captured, { workspaceId: await deps.activeWorkspace(), now });
  /** Said where a menu or shortcut capture has nowhere else to say it. */
  const notifyProblem = (message: string) => ports.notifications.show({ title: 'Cadence could not clip this', message });

  const capture = async (kind: CaptureKind, context: PageContext, tabId: number | undefined, options: { notify?: boolean } = {}): Promise<ClipCapture | null> =>
    (await read(kind, context, tabId, options))?.clip ?? null;
  /** The capture with the feeds the page names (autodiscovery, issue 22). */
  const read = async (
    kind: CaptureKind,
    context: PageContext,
    tabId: number | undefined,
    { notify = true } = {},
  ): Promise<{ clip: ClipCapture; feeds: FeedLink[] } | null> => {
    const bare = (clip: ClipCapture | null) => (clip ? { clip, feeds: [] } : null);
    if (kind === 'link') return bare(linkCapture(context));
    if (tabId === undefined || tabId < 0) return bare(fallbackCapture(context, kind, null));
    try {
      const read = await ports.tabs.capture(tabId, {
        kind,
        pageUrl: context.pageUrl,
        selectionText: context.selectionText,
        srcUrl: context.srcUrl,
        linkUrl: context.linkUrl,
      });
      const feeds = read.feeds ?? [];
      if (!read.article) return { clip: finishClip(read, null), feeds };
      const cleaned = await ports.cleanArticle(read.article.html).catch((error: unknown) => {
        console.warn("Cadence: the article's markup could not be cleaned; its words are kept", error);
        return null;
      });
      return { clip: finishClip(read, cleaned), feeds };
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'cannot-capture') throw error;
      const isWebPage = /^https?:/i.test(context.pageUrl);
      // The panel shows the reason itself; menus and shortcuts have nowhere else to say it.
      if (notify) await notifyProblem(error.message);
      else if (!isWebPage) throw error;
      return bare(isWebPage ? fallbackCapture(context, kind, error.message) : null);
    }
  };

  const clipFromContext = async (click: MenuClick | null, tab: TabInfo | undefined, kind: CaptureKind) => {
    const context: PageContext = {
      pageUrl: click?.pageUrl ?? tab?.url ?? '',
      pageTitle: tab?.title ?? '',
      linkUrl: click?.linkUrl,
      linkText: click?.linkText,
      selectionText: click?.selectionText,
      srcUrl: click?.srcUrl,
    };
    const captured = await capture(kind, context, tab?.id);
    if (!captured) return;
    await file(captured);
    await ports.badge.flash(tab?.id).catch(() => undefined); // feedback is best effort; the clip is saved
  };
  const clipOrSay = (click: MenuClick | null, tab: TabInfo | undefined, kind: CaptureKind) =>
    clipFromContext(click, tab, kind).catch((error: unknown) => {
      console.error('Cadence: clip failed', error);
      void notifyProblem(error instanceof AppError ? error.message : 'Cadence could not file this. Try again.').catch(() => undefined);
    });

  /** Files the capture and queues it in the next free slots; the answer's sentence says where, or why not. */
  const shareCapture = async (captured: ClipCapture) => {
    const result = await shareNext(await store, captured, { workspaceId: await deps.activeWorkspace(), now: now() });
    if (result.queued.length) await deps.rearmPublish();
    return result;
  };

  /** "Add this page to the queue": the page as the capture script reads it, else a link from the menu's info. */
  const queueFromContext = async (click: MenuClick, tab: TabInfo | undefined) => {
    const captured = await capture('page', { pageUrl: click.pageUrl ?? tab?.url ?? '', pageTitle: tab?.title ?? '' }, tab?.id);
    if (!captured) return;
    await ports.notifications.show({ title: 'Cadence', message: (await shareCapture(captured)).message });
  };

  return {
    /**
     * "Read" on a feed item (lib/feeds/service.ts): the page in a tab the feeds service opened, read by
     * the normal capture path and filed in `workspaceId`; it merges into the item's clip (same address).
     */
    async readPage(tabId: number, pageUrl: string, workspaceId: string | null) {
      const found = await capture('page', { pageUrl, pageTitle: '' }, tabId, { notify: false });
      if (!found) throw new AppError('cannot-capture', 'Cadence cannot read this page.');
      const { clip, merged } = await saveClip(await store, found, { workspaceId, now });
      return { clip, merged, warning: found.warnings[0] ?? null };
    },
    handlers: {
      'capture.submit': async (submitted) => {
        const { clip, merged } = await file(await cleanSubmittedCapture(submitted, ports.cleanArticle));
        return { clipId: clip.id, merged };
      },
      'capture.shareNext': async (submitted) => shareCapture(await cleanSubmittedCapture(submitted, ports.cleanArticle)),
      'capture.undoShareNext': async ({ postId }) => {
        const result = await undoShareNext(await store, postId, now());
        await deps.rearmPublish();
        return result;
      },
      'capture.activeTab': async () => {
        const tab = await ports.tabs.active();
        const found = await read('page', { pageUrl: tab.url, pageTitle: tab.title ?? '' }, tab.id, { notify: false });
        if (!found) throw new AppError('cannot-capture', 'Cadence cannot read this tab.');
        const { clip, merged } = await file(found.clip);
        return { clipId: clip.id, merged, title: clip.title, kind: clip.kind, warning: found.clip.warnings[0] ?? null, feeds: found.feeds };
      },
    },
    async onInstall() {
      ports.menus.install();
    },
    async onContextMenu(click, tab) {
      if (click.menuItemId === MENUS.queuePage) {
        await queueFromContext(click, tab).catch((error: unknown) => {
          console.error('Cadence: adding the page to the queue failed', error);
          void notifyProblem(error instanceof Error ? error.message : String(error)).catch(() => undefined);
        });
        return;
      }
      const kind = MENU_KINDS[String(click.menuItemId)];
      if (kind) await clipOrSay(click, tab, kind);
    },
    async onCommand(command, tab) {
      if (command === COMMANDS.clipPage) await clipOrSay(null, tab, 'page');
    },
  };
}
