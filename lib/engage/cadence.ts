import type { Network, Settings } from '../model';

/**
 * How long until an account is polled again: a pure function of what the poller knows.
 * Invariants: never faster than the network's minimum; `off` never polls; failures back off
 * (doubling, capped) so a network that is down is not hammered.
 */

const MINUTE = 60_000;

/**
 * The fastest each network is polled. Bluesky: 3,000 requests per 5 minutes per account
 * (docs.bsky.app "Rate Limits"); Mastodon: 300 per 5 minutes per account (docs.joinmastodon.org
 * "Rate limits"). One notifications call plus one search per stream per poll stays far below
 * both at one poll a minute, which is also the unpacked-extension alarm granularity we rely on.
 */
export const MIN_INTERVAL_MS: Record<Network, number> = {
  bluesky: MINUTE,
  mastodon: MINUTE,
  x: 15 * MINUTE,
  linkedin: 15 * MINUTE,
  threads: 15 * MINUTE,
  facebook: 15 * MINUTE,
};

/** While the panel is open the manager is answering: poll as fast as allowed. */
export const PANEL_INTERVAL_MS = MINUTE;
/** Something new arrived or we replied recently: a conversation is probably going on. */
export const ACTIVE_INTERVAL_MS = 2 * MINUTE;
export const ACTIVE_WINDOW_MS = 30 * MINUTE;
export const QUIET_INTERVAL_MS = 5 * MINUTE;
/** Nothing for hours: check now and then. */
export const IDLE_INTERVAL_MS = 15 * MINUTE;
export const IDLE_AFTER_MS = 6 * 60 * MINUTE;
export const SLOW_INTERVAL_MS = 30 * MINUTE;
export const MAX_BACKOFF_MS = 60 * MINUTE;

export interface CadenceInput {
  mode: Settings['polling'];
  network: Network;
  isPanelVisible: boolean;
  lastActivityAt: number | null;
  failures: number;
  now: number;
}

/** Milliseconds until the next poll, or null when polling is off. */
export function pollInterval({ mode, network, isPanelVisible, lastActivityAt, failures, now }: CadenceInput): number | null {
  if (mode === 'off') return null;
  // An account that never had activity is quiet, not idle: it may just have been connected.
  const quietFor = lastActivityAt === null ? ACTIVE_WINDOW_MS : now - lastActivityAt;
  let interval: number;
  if (mode === 'slow') interval = SLOW_INTERVAL_MS;
  else if (isPanelVisible) interval = PANEL_INTERVAL_MS;
  else if (quietFor < ACTIVE_WINDOW_MS) interval = ACTIVE_INTERVAL_MS;
  else if (quietFor < IDLE_AFTER_MS) interval = QUIET_INTERVAL_MS;
  else interval = IDLE_INTERVAL_MS;
  if (failures > 0) interval = Math.min(interval * 2 ** failures, Math.max(MAX_BACKOFF_MS, interval));
  return Math.max(interval, MIN_INTERVAL_MS[network]);
}
