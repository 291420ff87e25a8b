import { createPublisher, type PublishPlatform, type PublisherService } from '../publish/service';
import { browser, chromeSidePanel } from './browser';
import { ALARMS } from '../app/names';
import type { ServiceContext } from '../app/background-service';

/** The browser side of the publisher: notifications, tabs and the one `publish` alarm. */
export const browserPublishPlatform: PublishPlatform = {
  async notify(note) {
    await browser.notifications.create(note.id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon-128.png'),
      title: note.title,
      message: note.message,
    });
  },
  async clearNote(id) {
    await browser.notifications.clear(id);
  },
  async shownNoteIds() {
    return Object.keys(await browser.notifications.getAll());
  },
  async openPanel() {
    // The side panel opens only in answer to a user's gesture, which a notification click may not
    // count as in every version: the panel's own page in a tab is the way that always works.
    try {
      const sidePanel = chromeSidePanel();
      const { id: windowId } = await browser.windows.getLastFocused();
      if (sidePanel && windowId !== undefined) return await sidePanel.open({ windowId });
      const sidebar = (browser as unknown as { sidebarAction?: { open(): Promise<void> } }).sidebarAction;
      if (sidebar) return await sidebar.open();
    } catch (error) {
      console.warn('Cadence: the side panel could not be opened; opening its page in a tab', error);
    }
    await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
  },
  async openTab(url) {
    await browser.tabs.create({ url });
  },
  async setAlarm(when) {
    if (when === null) await browser.alarms.clear(ALARMS.publish);
    else await browser.alarms.create(ALARMS.publish, { when });
  },
};

export function createPublishService(context: ServiceContext): PublisherService {
  return createPublisher({ ...context, platform: browserPublishPlatform, alarmName: ALARMS.publish, maintenanceAlarm: ALARMS.maintenance });
}
