import type { Delivery, Settings } from '../model';
import { wallTime } from '../schedule/wall-time';

/**
 * Catch-up after the browser was closed (docs/architecture.md, decision 6): a post found due late goes out only
 * within the user's window; past it, it is held and the user decides. Alarms fire up to a
 * minute late and a worker takes a moment to start, so a short grace applies to every mode.
 */
export const GRACE_MS = 2 * 60_000;

export function allowedLateness(policy: Settings['latePolicy']): number {
  return policy.mode === 'hold' ? GRACE_MS : Math.max(GRACE_MS, policy.withinMinutes * 60_000);
}

export function isTooLate(delivery: Delivery, now: number, policy: Settings['latePolicy']): boolean {
  return delivery.dueAt !== null && now - delivery.dueAt > allowedLateness(policy);
}

/** "Due at 09:00 while the browser was closed — publish now or reschedule." `why` says otherwise ("while the queue was paused"). */
export function lateReason(
  delivery: Delivery,
  zone: string,
  handle: string,
  why = delivery.lastError?.code === 'auth' ? `while @${handle} was disconnected` : 'while the browser was closed',
): string {
  const at = delivery.dueAt === null ? null : wallTime(delivery.dueAt, zone);
  const when = at ? `Due at ${at.time} on ${at.weekday} ${at.date}` : 'Due earlier';
  return `${when} ${why} — publish now or reschedule.`;
}
