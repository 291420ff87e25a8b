import type { Alarms, Menus, Runtime, Tabs } from 'webextension-polyfill';
import { createWorkerState } from '../app/worker-state';
import { ensureDefaults } from '../app/ensure-defaults';
import { saveClip } from '../capture/save-clip';
import { fallbackCapture, linkCapture } from '../capture/from-context';
import { createMessageRouter, type Handlers } from '../messaging';
import { nextDueAt } from '../publish/next-due';
import { DB_VERSION, openStore, type Store } from '../store';
import { browser, chromeSidePanel } from './browser';
import { installContextMenus } from './context-menus';
import { ALARMS, COMMANDS, MENUS } from './names';

export interface BackgroundDeps {
  now: () => number;
  openStore?: () => Promise<Store>;
}

/**
 * Builds every background service and returns the listeners the entrypoint registers
 * synchronously. Nothing here awaits before the listeners exist: the store opens lazily.
 */
export function createBackground({ now, openStore: open = () => openStore() }: BackgroundDeps) {
  const store = open();
  const workerState = createWorkerState({ store, now });
  const startedAt = now();
  const started = workerState.recordStart();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const activeWorkspace = async () => {
    const settings = await (await store).settings.get('settings');
    return settings?.ok ? settings.value.activeWorkspaceId : null;
  };

  const rescheduleAlarm = async (): Promise<number | null> => {
    const due = await nextDueAt(await store);
    if (due === null) await browser.alarms.clear(ALARMS.publish);
    else await browser.alarms.create(ALARMS.publish, { when: Math.max(due, now() + 1000) });
    return due;
  };

  const ensureAlarms = async () => {
    if (!(await browser.alarms.get(ALARMS.maintenance))) {
      await browser.alarms.create(ALARMS.maintenance, { periodInMinutes: 15 });
    }
    await rescheduleAlarm();
  };

  const clipFromContext = async (info: Menus.OnClickData | null, tab: Tabs.Tab | undefined, kind: 'page' | 'selection' | 'image' | 'link') => {
    const context = {
      pageUrl: info?.pageUrl ?? tab?.url ?? '',
      pageTitle: tab?.title ?? '',
      linkUrl: info?.linkUrl,
      linkText: info?.linkText,
      selectionText: info?.selectionText,
      srcUrl: info?.srcUrl,
    };
    const capture = kind === 'link' ? linkCapture(context) : fallbackCapture(context, kind, null);
    return saveClip(await store, capture, { workspaceId: await activeWorkspace(), now });
  };

  const handlers: Handlers = {
    'app.status': async () => ({ startedAt, starts: (await started).starts, dbVersion: DB_VERSION }),
    'capture.submit': async (capture) => {
      const { clip, merged } = await saveClip(await store, capture, { workspaceId: await activeWorkspace(), now });
      return { clipId: clip.id, merged };
    },
    'schedule.changed': async () => ({ nextAlarmAt: await rescheduleAlarm() }),
  };
  const route = createMessageRouter(handlers, { id: browser.runtime.id, origin: browser.runtime.getURL('/') });

  void chromeSidePanel()
    ?.setPanelBehavior({ openPanelOnActionClick: true })
    .catch((error: unknown) => console.error('Cadence: could not set the side panel behaviour', error));

  return {
    onInstalled: (_details: Runtime.OnInstalledDetailsType) => {
      installContextMenus(browser.contextMenus);
      void (async () => {
        await ensureDefaults(await store, now, timeZone);
        await ensureAlarms();
      })().catch((error: unknown) => console.error('Cadence: first-run set-up failed', error));
    },
    onStartup: () => {
      void ensureAlarms().catch((error: unknown) => console.error('Cadence: alarm set-up failed', error));
    },
    onMessage: (message: unknown, sender: Runtime.MessageSender) => route(message, sender),
    onAlarm: (alarm: Alarms.Alarm) => {
      void (async () => {
        await started;
        await workerState.recordAlarm(alarm.name);
        if (alarm.name === ALARMS.publish || alarm.name === ALARMS.maintenance) await rescheduleAlarm();
      })().catch((error: unknown) => console.error(`Cadence: alarm ${alarm.name} failed`, error));
    },
    onContextMenu: (info: Menus.OnClickData, tab?: Tabs.Tab) => {
      const kind = ({ [MENUS.page]: 'page', [MENUS.selection]: 'selection', [MENUS.image]: 'image', [MENUS.link]: 'link' } as const)[
        String(info.menuItemId) as (typeof MENUS)[keyof typeof MENUS]
      ];
      if (!kind) return;
      void clipFromContext(info, tab, kind).catch((error: unknown) => console.error('Cadence: clip failed', error));
    },
    onCommand: (command: string, tab?: Tabs.Tab) => {
      if (command !== COMMANDS.clipPage) return;
      void clipFromContext(null, tab, 'page').catch((error: unknown) => console.error('Cadence: clip failed', error));
    },
    /** For tests and the status message: resolves once the start is recorded. */
    started,
  };
}
