import { adapterFor } from '../networks';
import type { BackgroundService, ServiceContext } from '../app/background-service';
import { ALARMS } from '../app/names';
import type { Store } from '../store';
import { cancel, confirmPosted, publishHeld, publishPostNow, retryNow, snooze } from './actions';
import { deleteFromNetwork, editOnNetwork } from './after-publish';
import type { ContentLoaders } from './build-input';
import { CONTENT_LOADERS } from './content-loaders';
import type { Note, PublisherDeps, TeamGate } from './deps';
import { cancelDelivery, handOff } from './hand-off';
import { nextDueAt } from './next-due';
import { pauseQueue, resumeQueue } from './pause-queue';
import { refuseWhilePaused } from './paused';
import { recycleEvergreen } from './recycle';
import { REMINDER_PREFIX, reminderUrl } from './reminder-flow';
import { createNoteBatch, SUMMARY_PREFIX } from './note-batch';
import type { PUBLISH_PROTOCOL } from '../messaging/protocols/publish';
import type { Delivery } from '../model';
import { claimAndPublish, publishDue, type RunReport } from './publish-due';
import { restoreMany, unscheduleMany } from './take-back';
import { pingPanel } from '../messaging/panel-ping';

/** A single failure's notification id (publish-one.ts, publish-due.ts): `delivery:<id>`. */
const FAILURE_PREFIX = 'delivery:';
/** How long a clicked notification's request waits for the panel to ask for it. */
const OPEN_REQUEST_TTL_MS = 60_000;
/** How long an open panel has to answer the nudge before the click opens one. */
const PANEL_ANSWER_MS = 500;

/** What the publisher needs from the browser: its slice of the background's ports (createPublishService below). */
export interface PublishPlatform {
  notify(note: Note): Promise<void>;
  /** Takes a notification away (one that is gone already is no error). */
  clearNote(id: string): Promise<void>;
  /** The ids of the notifications Cadence shows now. */
  shownNoteIds(): Promise<string[]>;
  /** The side panel, or the panel's page in a tab where the panel cannot be opened. */
  openPanel(): Promise<void>;
  openTab(url: string): Promise<void>;
  /** Tells an open panel it has something to show (lib/messaging/panel-ping.ts). */
  pingPanel(): void;
  /** Sets the one `publish` alarm, or clears it (null). */
  setAlarm(when: number | null): Promise<void>;
}

export interface PublisherOptions {
  store: Promise<Store>;
  now: () => number;
  platform: PublishPlatform;
  alarmName: string;
  maintenanceAlarm: string;
  adapterFor?: PublisherDeps['adapterFor'];
  random?: () => number;
  loaders?: ContentLoaders;
  owner?: string;
  teamGate?: TeamGate;
}

export type PublisherService = BackgroundService<keyof typeof PUBLISH_PROTOCOL> & {
  run(): Promise<RunReport>;
  rescheduleAlarm(): Promise<number | null>;
  /**
   * Claims and publishes one due delivery (a reply) in this publisher's one-at-a-time queue and
   * under its lease owner, so a publish run never sees it as another worker's lease to take over
   * (issue 18, hole 5). The caller shows the outcome, so no notification is raised for it.
   */
  publishDelivery(delivery: Delivery): Promise<Delivery | null>;
};

/** The publisher over the background's ports: notifications, tabs and the one `publish` alarm. */
export function createPublishService({ store, now, ports }: ServiceContext, { teamGate }: { teamGate?: TeamGate } = {}): PublisherService {
  const platform: PublishPlatform = {
    notify: ({ id, title, message }) => ports.notifications.show({ id, title, message }),
    clearNote: ports.notifications.clear,
    shownNoteIds: ports.notifications.shownIds,
    openPanel: ports.tabs.openPanel,
    openTab: ports.tabs.open,
    pingPanel,
    setAlarm: (when) => ports.alarms.set(ALARMS.publish, when),
  };
  return createPublisher({ store, now, platform, alarmName: ALARMS.publish, maintenanceAlarm: ALARMS.maintenance, teamGate });
}

/**
 * The publisher as a background service: runs on the `publish` alarm and at start-up (catch-up),
 * answers the publish messages, and sets the alarm again after every change. Runs inside one
 * worker are serialized; across workers the lease keeps them apart.
 */
export function createPublisher(options: PublisherOptions): PublisherService {
  const { now, platform } = options;
  const owner = options.owner ?? `worker_${crypto.randomUUID()}`;
  const depsOf = async (notify: PublisherDeps['notify'] = platform.notify): Promise<PublisherDeps> => {
    const store = await options.store;
    return {
      store,
      now,
      owner,
      notify,
      random: options.random ?? Math.random,
      loaders: options.loaders ?? CONTENT_LOADERS,
      adapterFor: options.adapterFor ?? adapterFor(store, now),
      teamGate: options.teamGate,
    };
  };

  const rescheduleAlarm = async () => {
    const due = await nextDueAt(await options.store, now());
    await platform.setAlarm(due === null ? null : Math.max(due, now() + 1000));
    return due;
  };

  /** Every published evergreen delivery, however old, gets its follow-up (a run looks at recent ones only). */
  const sweep = async () => {
    await recycleEvergreen(await depsOf());
    await rescheduleAlarm();
  };

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined); // the caller gets the error; the queue goes on
    return result;
  };
  const run = () =>
    serial(async () => {
      // One run's notes are shown together, summed up (./note-batch.ts).
      const notes = createNoteBatch(platform.notify);
      try {
        return await publishDue(await depsOf(notes.notify));
      } finally {
        await notes.flush();
        await rescheduleAlarm();
      }
    });
  /** A user action, then a run (it may have made something due) and the alarm again. */
  const act = async <T>(action: (deps: PublisherDeps) => Promise<T>): Promise<T> => {
    const result = await serial(async () => action(await depsOf()));
    void run().catch((error: unknown) => console.error('Cadence: publishing after an action failed', error));
    return result;
  };
  /** An action that would publish, refused while its workspace's queue is paused (./paused.ts). */
  const unlessPaused = <T>(target: Parameters<typeof refuseWhilePaused>[1], action: (deps: PublisherDeps) => Promise<T>): Promise<T> =>
    act(async (deps) => {
      await refuseWhilePaused(deps.store, target);
      return action(deps);
    });

  const handlers: PublisherService['handlers'] = {
    'panel.takeOpenRequest': async () => {
      const request = openRequest && now() - openRequest.at < OPEN_REQUEST_TTL_MS ? openRequest : null;
      openRequest = null;
      if (request) onTaken?.();
      return { postId: request?.postId ?? null };
    },
    'schedule.changed': async () => ({ nextAlarmAt: await serial(rescheduleAlarm) }),
    'publish.now': async ({ postId }) => ({ deliveries: await unlessPaused({ postId }, (d) => publishPostNow(d.store, postId, now())) }),
    'delivery.retry': async ({ deliveryId }) => ({ delivery: await unlessPaused({ deliveryId }, (d) => retryNow(d.store, deliveryId, now())) }),
    'delivery.publishHeld': async ({ deliveryId }) => ({ delivery: await unlessPaused({ deliveryId }, (d) => publishHeld(d.store, deliveryId, now())) }),
    'delivery.confirm': async ({ deliveryId }) => ({ delivery: await act((d) => confirmPosted(d.store, deliveryId, now())) }),
    'delivery.snooze': async ({ deliveryId, minutes }) => ({ delivery: await act((d) => snooze(d.store, deliveryId, minutes, now())) }),
    'delivery.cancel': async ({ deliveryId }) => ({ delivery: await act((d) => cancelDelivery(d, deliveryId)) }),
    // In the publisher's queue, so a publish run in this worker never overlaps them; nothing becomes due.
    'delivery.deleteFromNetwork': async ({ deliveryId }) => ({ delivery: await serial(async () => deleteFromNetwork(await depsOf(), deliveryId)) }),
    'delivery.editOnNetwork': async ({ deliveryId, texts }) => ({ delivery: await serial(async () => editOnNetwork(await depsOf(), deliveryId, texts)) }),
    'delivery.drop': async ({ deliveryId }) => ({ delivery: await act((d) => cancelDelivery(d, deliveryId, cancel)) }),
    'delivery.cancelMany': async ({ deliveryIds }) => act((d) => unscheduleMany(d, deliveryIds)),
    'delivery.restore': async ({ deliveries }) => act((d) => restoreMany(d, deliveries)),
    'delivery.handOff': async ({ deliveryId }) => ({ delivery: await unlessPaused({ deliveryId }, (d) => handOff(d, deliveryId)) }),
    'queue.pause': async ({ workspaceId }) => act((d) => pauseQueue(d, workspaceId)),
    'queue.resume': async ({ workspaceId }) => act((d) => resumeQueue(d, workspaceId)),
  };

  // A reconnected account's waiting posts go out now, not at the next maintenance alarm: any
  // change to accounts (connect, reconnect, disconnect) triggers one run, bursts coalesced.
  let pending: ReturnType<typeof setTimeout> | null = null;
  void Promise.resolve(options.store).then((opened) =>
    opened.feed.subscribe((change) => {
      if (change.store === 'deliveries')
        void clearHandledReminders(opened, change.keys).catch((error: unknown) => console.error('Cadence: clearing reminders failed', error));
      if (change.store !== 'accounts') return;
      if (pending) clearTimeout(pending);
      pending = setTimeout(() => void run().catch((error: unknown) => console.error('Cadence: publishing after an account change failed', error)), 1000);
    }),
  );

  /**
   * A reminder whose delivery was confirmed, snoozed, cancelled or deleted is taken away: an old
   * one would still open a prefilled share page for a post already handled (issue 18). Only the
   * notifications on screen are looked at, so a worker that restarted clears them too.
   */
  const clearHandledReminders = async (store: Store, keys: string[]) => {
    const shown = (await platform.shownNoteIds()).filter((id) => id.startsWith(REMINDER_PREFIX));
    const changed = keys.length === 0 ? shown : shown.filter((id) => keys.includes(id.slice(REMINDER_PREFIX.length)));
    for (const id of changed) if (!(await isAwaitingReminder(store, id.slice(REMINDER_PREFIX.length)))) await platform.clearNote(id);
  };

  /**
   * What a clicked failure notification asked the panel to open (issue 24). Kept in the worker's
   * memory on purpose: the panel asks for it within a second of the click, and a worker that died in
   * between only costs the route (the panel still opens, and the Calendar shows the failure).
   */
  let openRequest: { postId: string; at: number } | null = null;
  let onTaken: (() => void) | null = null;

  /** Clicked: a summary opens the panel; a failure opens its post in the panel; a reminder opens its share page only while it still waits. */
  const onNotificationClick = async (id: string) => {
    if (id.startsWith(SUMMARY_PREFIX)) {
      await platform.clearNote(id);
      return platform.openPanel();
    }
    if (id.startsWith(FAILURE_PREFIX)) {
      const row = await (await options.store).deliveries.get(id.slice(FAILURE_PREFIX.length));
      await platform.clearNote(id);
      if (!row?.ok) return platform.openPanel();
      openRequest = { postId: row.value.postId, at: now() };
      // A panel already open takes the request at the nudge, and shows the post where it is; only
      // when none answers soon is one opened (it takes the request as it starts).
      const isTaken = new Promise<boolean>((resolve) => {
        onTaken = () => resolve(true);
        setTimeout(() => resolve(false), PANEL_ANSWER_MS);
      });
      platform.pingPanel();
      if (!(await isTaken)) await platform.openPanel();
      onTaken = null;
      return;
    }
    if (!id.startsWith(REMINDER_PREFIX)) return;
    const store = await options.store;
    const deliveryId = id.slice(REMINDER_PREFIX.length);
    if (await isAwaitingReminder(store, deliveryId)) return platform.openTab(await reminderUrl(store, deliveryId));
    await platform.clearNote(id);
    await platform.openPanel();
    await platform.notify({
      id: `${SUMMARY_PREFIX}handled`,
      kind: 'reminder',
      title: 'This post was already handled',
      message: 'It was confirmed, snoozed or cancelled in Cadence: nothing was opened. The calendar shows where it stands.',
    });
  };

  return {
    handlers,
    run,
    rescheduleAlarm: () => serial(rescheduleAlarm),
    publishDelivery: (delivery) => serial(async () => claimAndPublish({ ...(await depsOf()), notify: async () => undefined }, delivery)),
    async onAlarm(name) {
      if (name === options.alarmName) await run();
      else if (name === options.maintenanceAlarm) await serial(sweep);
    },
    async onStart() {
      await serial(async () => recycleEvergreen(await depsOf())); // the run after it sets the alarm
      await run();
    },
    onNotificationClick,
  };
}

async function isAwaitingReminder(store: Store, deliveryId: string): Promise<boolean> {
  const row = await store.deliveries.get(deliveryId);
  return row?.ok === true && row.value.state === 'awaiting-confirmation';
}
