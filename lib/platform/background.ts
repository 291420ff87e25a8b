import type { Alarms, Menus, Runtime, Tabs } from 'webextension-polyfill';
import { createAccountsService } from '../accounts/service';
import { createMetricsService } from '../analytics/service';
import { eachService, type BackgroundService, type ServiceContext } from '../app/background-service';
import { createAppService } from '../app/service';
import { createSiteScriptsService } from '../capture/site-buttons/service';
import { createCaptureService } from '../capture/service';
import { createHighlightService } from '../engage/highlight-service';
import { createEngageService } from '../engage/service';
import { createFeedsService } from '../feeds/service';
import { createMessageRouter, type Handlers } from '../messaging';
import { PROTOCOL } from '../messaging/protocol';
import { createPublishService } from '../publish/service';
import { openStore, startUpgradeWork, type Store } from '../store';
import { createRunnerHandOverService } from '../team/runner-service';
import { createTeamGate } from '../team/gate';
import { createTeamService } from '../team/service';
import { createWorkspacesService } from '../workspaces/service';
import { browser, openPanelOnActionClick } from './browser';
import { browserPorts, type BackgroundPorts } from './ports';
import { keepAwakePause } from './keep-awake';
import { createActionClick, firefoxSidebar } from './sidebar';

export interface BackgroundDeps {
  now: () => number;
  openStore?: () => Promise<Store>;
  /** Replaces some of the browser's ports (tests: the article cleaner). */
  ports?: Partial<BackgroundPorts>;
}

/**
 * The composition root: builds the ports, builds the services, and routes the browser's events
 * and messages to them. entrypoints/background/index.ts registers the listeners it returns
 * synchronously; nothing here awaits before they exist (the store opens lazily).
 */
export function createBackground({ now, openStore: open = () => openStore(), ports }: BackgroundDeps) {
  const context: ServiceContext = { store: open(), now, ports: browserPorts(ports) };
  // The upgrade's work after a version change (issue 20: index, counts, backup copy) is the worker's
  // to run: after a moment, so a side panel that is opening reads its first screen first, and in
  // batches with a gap between them, since each holds the clips store for writing (~0.2 s at 250).
  void context.store
    .then((store) => setTimeout(() => void startUpgradeWork(store.db, { batchSize: 250, pause: keepAwakePause({ gapMs: 15 }) }), 1000))
    .catch(() => undefined);
  const app = createAppService(context);
  const publish = createPublishService(context, { teamGate: createTeamGate(context) });
  const engage = createEngageService(context, { publishDelivery: publish.publishDelivery }); // replies go out in the publisher's queue
  const [metrics, accounts, siteScripts, highlight, workspaces] = [
    createMetricsService(context),
    createAccountsService(context),
    createSiteScriptsService(context),
    createHighlightService(context),
    createWorkspacesService(context),
  ];
  // The publish alarm follows every change to the queue; the panel asks for it after queueing, so does capture.
  const rearmPublish = () => publish.handlers['schedule.changed']({}, { from: 'extension', tabId: null });
  const capture = createCaptureService(context, { activeWorkspace: app.activeWorkspace, rearmPublish });
  const feeds = createFeedsService(context, { readPage: capture.readPage });
  const runner = createRunnerHandOverService(context);
  const team = createTeamService(context, { rearmPublish });
  const services: BackgroundService[] = [app, publish, engage, metrics, accounts, siteScripts, highlight, workspaces, capture, feeds, runner, team];
  // A message nobody answers is a type error here.
  const handlers: Handlers = {
    ...app.handlers,
    ...publish.handlers,
    ...engage.handlers,
    ...metrics.handlers,
    ...accounts.handlers,
    ...siteScripts.handlers,
    ...highlight.handlers,
    ...workspaces.handlers,
    ...capture.handlers,
    ...feeds.handlers,
    ...runner.handlers,
    ...team.handlers,
  };
  const missing = Object.keys(PROTOCOL).filter((type) => !(type in handlers));
  if (missing.length) console.error(`Cadence: no background handler for ${missing.join(', ')}`);
  const route = createMessageRouter(handlers, { id: browser.runtime.id, origin: browser.runtime.getURL('/') });
  const each = (what: string, step: (service: BackgroundService) => Promise<void> | undefined) => eachService(services, what, step);
  const start = () => each('start-up', (service) => service.onStart?.());
  openPanelOnActionClick();

  return {
    onInstalled: (_details: Runtime.OnInstalledDetailsType) => void each('install', (service) => service.onInstall?.()).then(start),
    onStartup: () => void start(),
    /** Firefox: the toolbar button toggles the sidebar (./sidebar.ts); Chrome never calls it. */
    onActionClick: createActionClick(firefoxSidebar),
    onMessage: (message: unknown, sender: Runtime.MessageSender) => route(message, sender),
    onAlarm: ({ name }: Alarms.Alarm) => void app.started.then(() => each(`alarm ${name}`, (service) => service.onAlarm?.(name))),
    onNotificationClick: (id: string) => void each('notification click', (service) => service.onNotificationClick?.(id)),
    onPermissionsRemoved: (removed: { origins?: string[] }) => void each('permissions removed', (service) => service.onPermissionsRemoved?.(removed)),
    onContextMenu: (click: Menus.OnClickData, tab?: Tabs.Tab) => void each('context menu', (service) => service.onContextMenu?.(click, tab)),
    onCommand: (command: string, tab?: Tabs.Tab) => void each(`command ${command}`, (service) => service.onCommand?.(command, tab)),
    /** For the meta-test that every protocol message has exactly one handler. */
    handledTypes: Object.keys(handlers),
    /** For tests and the status message: resolves once the start is recorded. */
    started: app.started,
  };
}
