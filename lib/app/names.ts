/** Alarm, context-menu and command names: one module, so a typo is a type error. */
export const ALARMS = {
  /** One alarm at the earliest due delivery, recomputed after every change (docs/architecture.md, decision 6). */
  publish: 'publish',
  /** Periodic housekeeping: wake snoozed inbox items, re-check the publish alarm. */
  maintenance: 'maintenance',
  /** The inbox and listening poller, on an adaptive cadence (issue 6). */
  poll: 'poll',
  /** Metric samples at 1 h, 24 h, 7 d after publishing, then weekly (issue 7). */
  metrics: 'metrics',
  /** The feeds each workspace follows, at the earliest feed's next poll time (issue 22). */
  feeds: 'feeds',
  /** One-shot replication of every shared workspace with its team server (issue 23). */
  team: 'team-sync',
} as const;
export type AlarmName = (typeof ALARMS)[keyof typeof ALARMS];

export const MENUS = {
  page: 'clip-page',
  selection: 'clip-selection',
  image: 'clip-image',
  link: 'clip-link',
  /** "Add this page to the queue": clip the page and share it in the next free slots. */
  queuePage: 'queue-page',
} as const;
export type MenuId = (typeof MENUS)[keyof typeof MENUS];

export const COMMANDS = {
  clipPage: 'clip-page',
  nextWorkspace: 'next-workspace',
} as const;

/**
 * What the background tells the site scripts (tabs.sendMessage). A nudge without data: the script
 * asks again through its one validated message, so nothing arrives by this way that it must trust.
 */
export const CONTENT_PUSH = {
  /** The active workspace's listening streams, or which workspace is active, changed. */
  highlightRulesChanged: 'cadence:highlight-rules-changed',
} as const;
