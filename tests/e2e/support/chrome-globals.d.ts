// The service worker's own `chrome` object, as e2e tests use it inside worker.evaluate().
// Chromium exposes dispatch() on extension events; it runs the registered listeners (shared/E2E.md).
interface ChromeEventForTests {
  dispatch(...args: unknown[]): void;
}

declare const chrome: {
  alarms: {
    create(name: string, info: { when?: number; periodInMinutes?: number; delayInMinutes?: number }): Promise<void>;
    get(name: string): Promise<{ name: string; scheduledTime: number; periodInMinutes?: number } | undefined>;
    onAlarm: ChromeEventForTests;
  };
  action: { getBadgeText(details: { tabId?: number }): Promise<string> };
  contextMenus: { onClicked: ChromeEventForTests };
  commands: { onCommand: ChromeEventForTests };
  tabs: {
    query(query: {
      url?: string | string[];
      active?: boolean;
      lastFocusedWindow?: boolean;
    }): Promise<{ id?: number; url?: string; title?: string; windowId: number }[]>;
  };
  windows: { create(data: { url: string; type: 'popup' | 'normal'; focused?: boolean }): Promise<{ id?: number }> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; js?: string[]; matches?: string[]; persistAcrossSessions?: boolean }[]> };
  runtime: {
    getURL(path: string): string;
    getManifest(): { content_scripts?: { matches?: string[]; js?: string[] }[] };
    sendMessage(message: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } } | undefined>;
    getContexts(filter: { contextTypes: string[] }): Promise<{ contextType: string; documentUrl?: string }[]>;
  };
  offscreen: { closeDocument(): Promise<void> };
  notifications: {
    create(...args: [options: { title?: string; message?: string }] | [id: string, options: { title?: string; message?: string }]): Promise<string>;
    getAll(): Promise<Record<string, boolean>>;
    clear(id: string): Promise<boolean>;
    onClicked: { dispatch(notificationId: string): void };
  };
  storage: { session: { get(keys?: string | string[]): Promise<Record<string, unknown>> } };
};
