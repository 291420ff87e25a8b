import { z } from 'zod';

/** Epoch milliseconds. Every time in a row is stored this way; time zones live on the workspace. */
export const epochMsSchema = z.number().int().nonnegative();

export const idSchema = z.string().min(1).max(200);

/** Networks Cadence knows. API networks publish directly; the others publish by reminder. */
export const networkSchema = z.enum(['bluesky', 'mastodon', 'x', 'linkedin', 'threads', 'facebook']);
export type Network = z.infer<typeof networkSchema>;

export const API_NETWORKS: readonly Network[] = ['bluesky', 'mastodon'];

/** An IANA time zone the runtime can use (Intl throws on unknown zones). */
export const timeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'unknown time zone');

export const httpUrlSchema = z.url({ protocol: /^https?$/ });

/** A random id that sorts by nothing in particular; good enough for local rows. */
export function newId(prefix: string): string {
  return `${prefix}_${crypto.randomUUID()}`;
}
