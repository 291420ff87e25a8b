import { browser } from './browser';

/**
 * What the user sees after a clip: a short badge on the toolbar icon when it landed, a desktop
 * notification with the reason when it could not (never a silent failure).
 */
export async function flashClipped(tabId: number | undefined): Promise<void> {
  const target = tabId === undefined ? {} : { tabId };
  await browser.action.setBadgeBackgroundColor({ ...target, color: '#2f7d32' });
  await browser.action.setBadgeText({ ...target, text: '✓' });
  // The badge clears itself on the next flash or navigation; a timer is best effort in a worker.
  setTimeout(() => void browser.action.setBadgeText({ ...target, text: '' }).catch(() => undefined), 2500);
}

export async function notifyCaptureProblem(message: string): Promise<void> {
  await browser.notifications.create({
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon-128.png'),
    title: 'Cadence could not clip this',
    message,
  });
}

/** "Add this page to the queue" from the menu: where it went, or why it did not (menus have no status line). */
export async function notifyShared(message: string): Promise<void> {
  await browser.notifications.create({
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon-128.png'),
    title: 'Cadence',
    message,
  });
}
