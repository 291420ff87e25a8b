import type { WebWorker } from 'puppeteer-core';

export interface ShownNotification {
  title: string;
  message: string;
}

declare global {
  var __cadenceNotificationsShown: ShownNotification[] | undefined;
}

/**
 * Records the title and message of every desktop notification the worker shows from now on.
 * Chrome has no API (nor CDP) that reads a notification's text back, so the worker's
 * `chrome.notifications.create` is wrapped: each call is noted, then passed on unchanged to the
 * real one, and the notification is still shown. Lasts as long as this worker does.
 */
export async function recordNotifications(worker: WebWorker): Promise<() => Promise<ShownNotification[]>> {
  await worker.evaluate(() => {
    if (globalThis.__cadenceNotificationsShown) return;
    const shown: ShownNotification[] = [];
    globalThis.__cadenceNotificationsShown = shown;
    const create = chrome.notifications.create.bind(chrome.notifications);
    chrome.notifications.create = (...args) => {
      const options = args.at(-1) as Partial<ShownNotification>;
      shown.push({ title: options.title ?? '', message: options.message ?? '' });
      return create(...args);
    };
  });
  return () => worker.evaluate(() => [...(globalThis.__cadenceNotificationsShown ?? [])]);
}
