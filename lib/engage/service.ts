import { AppError } from '../errors';
import { createAdapter, credentialVault } from '../networks';
import { defaultSettings, type Account, type Delivery } from '../model';
import { ALARMS } from '../app/names';
import { notifyNewMentions, schedulePollAlarm, showUnreadBadge } from '../platform/engage-feedback';
import type { BackgroundService, ServiceContext } from '../app/background-service';
import { coalesce, type Store } from '../store';
import { accountOf, markRead, react } from './actions';
import type { EngageDeps } from './deps';
import { createPoller, type PollRun } from './poller';
import { sendReply } from './reply';
import { parentVisibility } from './reply-audience';
import { unreadCount } from './unread';
import type { INBOX_PROTOCOL } from '../messaging/protocols/inbox';

/**
 * The inbox and listening in the background: the poll alarm, the badge, mention notifications,
 * and the messages of protocols/inbox.ts. Adapters are built here, where the credentials are.
 */
export function createEngageService({ store: opening, now }: ServiceContext, overrides: { adapterFor?: EngageDeps['adapterFor']; publishDelivery?: EngageDeps['publishDelivery'] } = {}): BackgroundService<keyof typeof INBOX_PROTOCOL> {
  const adapterFor = (store: Store) =>
    overrides.adapterFor ?? ((account: Account) => createAdapter({ account, vault: credentialVault(store, account.id, now), fetch: (input, init) => fetch(input, init), now }));
  const ready = opening.then((store) => {
    const deps: EngageDeps = { store, now, adapterFor: adapterFor(store), publishDelivery: overrides.publishDelivery };
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
    await showUnreadBadge(await unreadCount(store)).catch((error: unknown) => console.error('Cadence: badge', error));
  });

  const afterRun = async (run: PollRun) => {
    const { deps } = await ready;
    const settings = await deps.store.settings.get('settings');
    const mentions = run.added.filter((item) => !item.isRead);
    const isOn = (settings?.ok ? settings.value : defaultSettings()).notifications.mentions;
    if (isOn) await notifyNewMentions(mentions).catch((error: unknown) => console.error('Cadence: notification', error));
    await refreshBadge();
    await schedulePollAlarm(ALARMS.poll, run.nextPollAt, now());
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
    'inbox.reply': async ({ accountId, text, replyTo, inboxItemId, streamResultId }) => {
      const { deps, poller } = await ready;
      const { store } = deps;
      const item = inboxItemId ? await store.inbox.get(inboxItemId) : undefined;
      const earlier = item?.ok && item.value.replyDeliveryId ? await store.deliveries.get(item.value.replyDeliveryId) : undefined;
      const previous = earlier?.ok ? earlier.value : null;
      if (previous && ['scheduled', 'publishing'].includes(previous.state)) {
        throw new AppError('conflict', 'Your reply to this is still being sent. Wait a moment for it to appear in the conversation.');
      }
      // An earlier attempt that did not go out is sent again as the same delivery: same keys, one reply.
      const retryOf = previous && ['failed', 'retrying', 'held'].includes(previous.state) ? previous.id : null;
      const pointAt = async (delivery: Delivery) => {
        if (inboxItemId) await store.inbox.update(inboxItemId, (current) => current && { ...current, replyDeliveryId: delivery.id });
      };
      // Who may see the reply is decided here from the stored row, never taken from the message:
      // the row's visibility when it is the post answered, else unknown (then Mastodon sends it direct).
      const result = streamResultId ? await store.streamResults.get(streamResultId) : undefined;
      const parent = item?.ok ? item.value : result?.ok ? result.value : null;
      const visibility = parent && parent.ref?.id === replyTo.parent.id ? parentVisibility(parent) : null;
      const delivery = await sendReply(deps, { accountId, text, replyTo: { ...replyTo, visibility }, retryOf, onDelivery: pointAt });
      const at = now();
      if (inboxItemId) await store.inbox.update(inboxItemId, (current) => current && { ...current, repliedAt: current.repliedAt ?? at, isRead: true, state: 'done', snoozedUntil: null });
      if (streamResultId) await store.streamResults.update(streamResultId, (current) => current && { ...current, repliedAt: at });
      await poller.recordActivity(accountId);
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
