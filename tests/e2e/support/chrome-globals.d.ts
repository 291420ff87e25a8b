// The service worker's own `chrome` object, as e2e tests use it inside worker.evaluate().
// Chromium exposes dispatch() on extension events; it runs the registered listeners (shared/E2E.md).
interface ChromeEventForTests {
  dispatch(...args: unknown[]): void;
}

declare const chrome: {
  alarms: { create(name: string, info: { when?: number; periodInMinutes?: number; delayInMinutes?: number }): Promise<void> };
  contextMenus: { onClicked: ChromeEventForTests };
  commands: { onCommand: ChromeEventForTests };
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } } | undefined> };
  storage: { session: { get(keys?: string | string[]): Promise<Record<string, unknown>> } };
};
