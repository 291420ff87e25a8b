import type { Menus } from 'webextension-polyfill';
import { MENUS } from '../app/names';

/** Context-menu items persist across worker restarts; they are (re)made on install and update. */
export function installContextMenus(menus: Pick<Menus.Static, 'create' | 'removeAll'>): void {
  void menus.removeAll().then(() => {
    menus.create({ id: MENUS.page, title: 'Clip page to Cadence', contexts: ['page'] });
    menus.create({ id: MENUS.selection, title: 'Clip quote to Cadence', contexts: ['selection'] });
    menus.create({ id: MENUS.image, title: 'Clip image to Cadence', contexts: ['image'] });
    menus.create({ id: MENUS.link, title: 'Clip link to Cadence', contexts: ['link'] });
    menus.create({ id: MENUS.queuePage, title: 'Add this page to the queue', contexts: ['page'] });
  });
}
