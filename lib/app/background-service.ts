import type { Handlers, MessageType } from '../messaging';
import type { BackgroundPorts, TabInfo } from '../platform/ports';
import type { Store } from '../store';

/** What every background service is built from: the one store, the one clock and the browser's ports. */
export interface ServiceContext {
  store: Promise<Store>;
  now: () => number;
  ports: BackgroundPorts;
}

/** A context-menu click, as far as a service reads it (menus.OnClickData). */
export interface MenuClick {
  menuItemId: string | number;
  pageUrl?: string;
  linkUrl?: string;
  linkText?: string;
  selectionText?: string;
  srcUrl?: string;
}

/**
 * One area of the background (publisher, poller, metrics, accounts, capture, workspaces): its
 * message handlers and what it does on the browser's events. `Handled` names the messages it
 * answers, and it must answer each; lib/platform/background.ts spreads every service's handlers
 * into the router's exhaustive `Handlers`, so a message no service answers is a type error there.
 * Each service is made by `createX(ctx)` in lib/<area>/service.ts.
 */
export interface BackgroundService<Handled extends MessageType = never> {
  handlers: Pick<Handlers, Handled>;
  /** Runs for every alarm; a service ignores names that are not its own. */
  onAlarm?(name: string): Promise<void>;
  /** Extension install or update, before onStart. */
  onInstall?(): Promise<void>;
  /** Browser start-up and extension install/update, after defaults exist. */
  onStart?(): Promise<void>;
  /** A desktop notification was clicked; a service ignores ids that are not its own. */
  onNotificationClick?(notificationId: string): Promise<void>;
  /** The user took permissions back (chrome://extensions, or permissions.remove). */
  onPermissionsRemoved?(removed: { origins?: string[] }): Promise<void>;
  /** A context-menu item of Cadence's was clicked; a service ignores items that are not its own. */
  onContextMenu?(click: MenuClick, tab: TabInfo | undefined): Promise<void>;
  /** A keyboard command; a service ignores commands that are not its own. */
  onCommand?(command: string, tab: TabInfo | undefined): Promise<void>;
}

/** Runs one step in every service at once; one failing service does not stop the others. */
export async function eachService(services: BackgroundService[], what: string, step: (service: BackgroundService) => Promise<void> | undefined): Promise<void> {
  const results = await Promise.allSettled(services.map(async (service) => step(service)));
  for (const result of results) if (result.status === 'rejected') console.error(`Cadence: ${what} failed in a service`, result.reason);
}
