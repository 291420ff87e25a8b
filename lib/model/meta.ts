import { z } from 'zod';
import { epochMsSchema } from './common';

/** Bookkeeping of the background itself, kept in IndexedDB because the worker can die at any time. */
export const workerStateSchema = z.object({
  v: z.literal(1),
  id: z.literal('worker'),
  starts: z.number().int().nonnegative(),
  lastStartAt: epochMsSchema,
  alarmRuns: z.record(z.string(), z.number().int().nonnegative()),
  lastAlarmAt: epochMsSchema.nullable(),
});
export type WorkerState = z.infer<typeof workerStateSchema>;

/** A row that failed validation: kept as it was and listed here so the UI can show it. */
export const problemSchema = z.object({
  id: z.string(),
  store: z.string(),
  key: z.string(),
  reason: z.string(),
  foundAt: epochMsSchema,
});
export type Problem = z.infer<typeof problemSchema>;

/**
 * A Mastodon app registration, cached per server in the `meta` store (id `mastodon-app:<origin>`)
 * so connecting a second account on the same server does not register a second app. Read and
 * written by lib/accounts/mastodon-app.ts only.
 */
export const mastodonAppRegistrationSchema = z.object({
  v: z.literal(1),
  id: z.string().startsWith('mastodon-app:'),
  server: z.string(),
  redirectUri: z.string(),
  clientId: z.string(),
  clientSecret: z.string(),
  createdAt: epochMsSchema,
});
export type MastodonAppRegistration = z.infer<typeof mastodonAppRegistrationSchema>;

export const MASTODON_READ_SERVERS_ID = 'mastodon-read-servers';

/**
 * The Mastodon servers the user reads without an account there ("Clip buttons on Mastodon servers
 * you read", Settings), as origins, in the `meta` store. The site script is registered at run time
 * for these and for every connected Mastodon account's server (lib/capture/site-buttons/sync.ts).
 */
export const mastodonReadServersSchema = z.object({
  v: z.literal(1),
  id: z.literal(MASTODON_READ_SERVERS_ID),
  origins: z.array(z.string()),
  updatedAt: epochMsSchema,
});
export type MastodonReadServers = z.infer<typeof mastodonReadServersSchema>;

export const METRICS_MISSES_ID = 'metrics-misses';

/**
 * Published posts the network did not return when their counts were read (deleted there, or not
 * visible to the account), per delivery id, in the `meta` store: the metrics collector backs off
 * on each miss and stops asking after a few (lib/analytics/collector.ts). A reading clears it.
 */
export const metricsMissesSchema = z.object({
  v: z.literal(1),
  id: z.literal(METRICS_MISSES_ID),
  misses: z.record(z.string(), z.object({ count: z.number().int().positive(), lastAt: epochMsSchema })),
});
export type MetricsMisses = z.infer<typeof metricsMissesSchema>;
