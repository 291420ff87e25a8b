import { adapterFor } from '../networks';
import { defaultSettings } from '../model';
import { ALARMS } from '../app/names';
import type { BackgroundService, ServiceContext } from '../app/background-service';
import { coalesce } from '../store';
import { accountOf, markRead, react } from './actions';
import type { EngageDeps } from './deps';
import { createPoller, type PollRun } from './poller';
import { replyFromPanel } from './reply';
import { mentionNote, unreadBadgeText, UNREAD_BADGE_COLOR } from './feedback';
import { unreadCount } from './unread';
import type { INBOX_PROTOCOL } from '../messaging/protocols/inbox';

/**
 * The inbox and listening in the background: the poll alarm, the badge, mention notifications,
 * and the messages of protocols/inbox.ts. Adapters are built here, where the credentials are.
 */
export function createEngageService(
  { store: opening, now, ports }: ServiceContext,
  overrides: { adapterFor?: EngageDeps['adapterFor']; publishDelivery?: EngageDeps['publishDelivery'] } = {},
): BackgroundService<keyof typeof INBOX_PROTOCOL> {
  const ready = opening.then((store) => {
    const deps: EngageDeps = { store, now, adapterFor: overrides.adapterFor ?? adapterFor(store, now), publishDelivery: overrides.publishDelivery };
    // Read flags and states change in the side panel too: the badge follows every inbox write.
    // An account connected (or reconnected) is polled now, not at the next maintenance alarm;
    // a run only polls accounts that are due, so other account writes cost no request.
    store.feed.subscribe((change) => {
      if (change.store === 'inbox') void refreshBadge();
      if (change.store === 'accounts') void poll().catch((error: unknown) => console.error('Cadence: poll after an account change', error));
    });
    return { deps, poller: createPoller(deps) };
  });

  // One count at a time, however many inbox writes ask for it (lib/store/coalesce.ts).
  const refreshBadge = coalesce(async () => {
    const store = await opening;
    // Written only when its text changes.
    const text = unreadBadgeText(await unreadCount(store));
    const show = async () => {
      if ((await ports.badge.text()) !== text) await ports.badge.show(text, UNREAD_BADGE_COLOR);
    };
    await show().catch((error: unknown) => console.error('Cadence: badge', error));
  });

  const afterRun = async (run: PollRun) => {
    const { deps } = await ready;
    const settings = await deps.store.settings.get('settings');
    const mentions = run.added.filter((item) => !item.isRead);
    const isOn = (settings?.ok ? settings.value : defaultSettings()).notifications.mentions;
    const note = isOn ? mentionNote(mentions) : null;
    if (note) await ports.notifications.show(note).catch((error: unknown) => console.error('Cadence: notification', error));
    await refreshBadge();
    // At the earliest account's next poll; cleared when nothing is polled.
    await ports.alarms.set(ALARMS.poll, run.nextPollAt === null ? null : Math.max(run.nextPollAt, now() + 1000));
    return run;
  };

  const poll = async (force = false) => afterRun(await (await ready).poller.run({ force }));

  const handlers: BackgroundService<keyof typeof INBOX_PROTOCOL>['handlers'] = {
    'panel.visible': async ({ visible }) => {
      await (await ready).poller.setPanelVisible(visible);
      return { nextPollAt: (await poll()).nextPollAt };
    },
    'inbox.poll': async () => {
      const run = await poll(true);
      return { added: run.added.length, found: run.found.length, nextPollAt: run.nextPollAt };
    },
    'inbox.thread': async ({ accountId, ref }) => {
      const { deps } = await ready;
      return { posts: await deps.adapterFor(await accountOf(deps, accountId)).thread(ref) };
    },
    'inbox.reply': async (request) => {
      const { deps, poller } = await ready;
      const delivery = await replyFromPanel(deps, request);
      await poller.recordActivity(request.accountId);
      return { deliveryId: delivery.id, remote: delivery.remote };
    },
    'engage.react': async ({ accountId, ref, how, inboxItemId, streamResultId }) => {
      const { deps } = await ready;
      const result = await react(deps, accountId, ref, how);
      const at = now();
      const field = how === 'like' ? 'likedAt' : 'repostedAt';
      if (inboxItemId) await deps.store.inbox.update(inboxItemId, (current) => current && { ...current, [field]: at });
      if (streamResultId && how === 'like') await deps.store.streamResults.update(streamResultId, (current) => current && { ...current, likedAt: at });
      return { ref: result };
    },
    'inbox.markRead': async ({ ids, isRead }) => ({ moved: await markRead((await ready).deps, ids, isRead) }),
  };

  return {
    handlers,
    async onAlarm(name) {
      if (name === ALARMS.poll || name === ALARMS.maintenance) await poll();
    },
    async onStart() {
      await poll();
    },
  };
}
