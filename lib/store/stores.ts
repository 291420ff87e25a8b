import { z } from 'zod';
import {
  accountSchema,
  clipSchema,
  clipTermsSchema,
  credentialSchema,
  deliverySchema,
  feedSchema,
  inboxItemSchema,
  metricSampleSchema,
  pollStateSchema,
  postSchema,
  savedReplySchema,
  settingsSchema,
  streamResultSchema,
  streamSchema,
  teamRowSchema,
  workerStateSchema,
  workspaceSchema,
} from '../model';
import { clipTallySchema } from './tally/clip-tally';

/**
 * Every object store, its key path and the schema its rows must satisfy.
 * Index layout lives in the migration steps (a published step is never edited).
 */
export const STORES = {
  workspaces: { keyPath: 'id', schema: workspaceSchema },
  accounts: { keyPath: 'id', schema: accountSchema },
  credentials: { keyPath: 'accountId', schema: credentialSchema },
  clips: { keyPath: 'id', schema: clipSchema },
  /** Derived from clips and written with them (see DERIVED in ./derived.ts); never written alone. */
  clipTerms: { keyPath: 'id', schema: clipTermsSchema },
  /** Counts of clips kept with every clip write (since version 4; see ./tally/clip-tally.ts); never written alone. */
  clipTally: { keyPath: 'id', schema: clipTallySchema },
  posts: { keyPath: 'id', schema: postSchema },
  deliveries: { keyPath: 'id', schema: deliverySchema },
  inbox: { keyPath: 'id', schema: inboxItemSchema },
  metrics: { keyPath: 'id', schema: metricSampleSchema },
  streams: { keyPath: 'id', schema: streamSchema },
  /** Posts the listening streams found, one row per stream and post (since version 3). */
  streamResults: { keyPath: 'id', schema: streamResultSchema },
  /** The poller's cursors and cadence per account, and whether a side panel is open (since version 3). */
  pollState: { keyPath: 'id', schema: pollStateSchema },
  /** Saved replies per workspace (since version 3). */
  savedReplies: { keyPath: 'id', schema: savedReplySchema },
  /** The feeds each workspace follows (since version 6, issue 22). */
  feeds: { keyPath: 'id', schema: feedSchema },
  /** This browser's side of shared workspaces (since version 8, issue 23; lib/model/team.ts). Never replicated, never in a backup. */
  team: { keyPath: 'id', schema: teamRowSchema },
  settings: { keyPath: 'id', schema: settingsSchema },
  meta: { keyPath: 'id', schema: workerStateSchema },
} as const satisfies Record<string, { keyPath: string; schema: z.ZodType }>;

export type StoreName = keyof typeof STORES;
export type RecordOf<S extends StoreName> = z.infer<(typeof STORES)[S]['schema']>;

export const STORE_NAMES = Object.keys(STORES) as StoreName[];
