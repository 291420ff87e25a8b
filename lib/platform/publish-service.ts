import { createPublisher, type PublishPlatform, type PublisherService } from '../publish/service';
import { browser } from './browser';
import { ALARMS } from './names';
import type { ServiceContext } from './service';

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
