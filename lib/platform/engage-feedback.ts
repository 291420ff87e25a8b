import type { InboxItem } from '../model';
import { browser } from './browser';

/** The toolbar badge shows how many inbox items wait unread; empty at zero. Written only when its text changes. */
export async function showUnreadBadge(count: number): Promise<void> {
  const text = count === 0 ? '' : count > 99 ? '99+' : String(count);
  if ((await browser.action.getBadgeText({})) === text) return;
  await browser.action.setBadgeBackgroundColor({ color: '#3b6ef5' });
  await browser.action.setBadgeText({ text });
}

/** One desktop notification per poll that brought mentions, never one per item. */
export async function notifyNewMentions(items: InboxItem[]): Promise<void> {
  if (items.length === 0) return;
  const [first] = items;
  await browser.notifications.create(`inbox-${first!.id}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon-128.png'),
    title: items.length === 1 ? `@${first!.author.handle} mentioned you` : `${items.length} new mentions and replies`,
    message: items.length === 1 ? first!.text.slice(0, 200) : items.map((item) => `@${item.author.handle}`).slice(0, 5).join(', '),
  });
}

/** The poll alarm at the earliest account's next poll; cleared when nothing is polled. */
export async function schedulePollAlarm(name: string, at: number | null, now: number): Promise<void> {
  if (at === null) await browser.alarms.clear(name);
  else await browser.alarms.create(name, { when: Math.max(at, now + 1000) });
}
