import '@/lib/model/zod-config';
import { defineBackground } from 'wxt/utils/define-background';
import { browser } from '@/lib/platform/browser';
import { createBackground } from '@/lib/platform/background';

// The composition root: every listener is registered synchronously, before any await, so an
// event that wakes the worker finds its listener (MV3 service-worker rule).
export default defineBackground(() => {
  const app = createBackground({ now: Date.now });
  browser.runtime.onInstalled.addListener(app.onInstalled);
  browser.runtime.onStartup.addListener(app.onStartup);
  browser.runtime.onMessage.addListener(app.onMessage);
  browser.alarms.onAlarm.addListener(app.onAlarm);
  browser.contextMenus.onClicked.addListener(app.onContextMenu);
  browser.notifications.onClicked.addListener(app.onNotificationClick);
  browser.commands.onCommand.addListener(app.onCommand);
  browser.permissions.onRemoved.addListener(app.onPermissionsRemoved);
  browser.action.onClicked.addListener(app.onActionClick);
});
