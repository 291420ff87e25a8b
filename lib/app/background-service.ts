import type { Permissions } from 'webextension-polyfill';
import type { Handlers, MessageType } from '../messaging';
import type { Store } from '../store';

/** What every background service is built from: the one store and the one clock. */
export interface ServiceContext {
  store: Promise<Store>;
  now: () => number;
}

/**
 * One area of the background (publisher, poller, metrics, accounts, workspaces): its message
 * handlers and what it does on alarms and start-up. `Handled` names the messages it answers, and
 * it must answer each; lib/platform/background.ts spreads every service's handlers into the
 * router's exhaustive `Handlers`, so a message no service answers is a type error there.
 */
export interface BackgroundService<Handled extends MessageType = never> {
  handlers: Pick<Handlers, Handled>;
  /** Runs for every alarm; a service ignores names that are not its own. */
  onAlarm?(name: string): Promise<void>;
  /** Browser start-up and extension install/update, after defaults exist. */
  onStart?(): Promise<void>;
  /** A desktop notification was clicked; a service ignores ids that are not its own. */
  onNotificationClick?(notificationId: string): Promise<void>;
  /** The user took permissions back (chrome://extensions, or permissions.remove). */
  onPermissionsRemoved?(removed: Permissions.Permissions): Promise<void>;
}
