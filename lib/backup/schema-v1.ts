import { z } from 'zod';
import {
  accountSchema,
  clipSchema,
  credentialSchema,
  deliverySchema,
  epochMsSchema,
  inboxItemSchema,
  metricSampleSchema,
  postSchema,
  settingsSchema,
  streamSchema,
  workspaceSchema,
} from '../model';
import { checkReferences } from './references';
import { backupScopeSchema, originSchema } from './scope';

/**
 * Version 1 of the backup file, as Cadence wrote it until templates, images, saved replies and
 * listening results travelled too (issue 18, hole 10). Frozen: a file of this version is read with
 * this schema and then brought forward (./versions.ts), never edited here.
 */
export const backupDataV1Schema = z.object({
  workspaces: z.array(workspaceSchema),
  accounts: z.array(accountSchema),
  credentials: z.array(credentialSchema).optional(),
  clips: z.array(clipSchema),
  posts: z.array(postSchema),
  deliveries: z.array(deliverySchema),
  inbox: z.array(inboxItemSchema),
  metrics: z.array(metricSampleSchema),
  streams: z.array(streamSchema),
  settings: z.array(settingsSchema).max(1),
});

export const backupFileV1Schema = z
  .object({
    format: z.literal('cadence-backup'),
    version: z.literal(1),
    exportedAt: epochMsSchema,
    scope: backupScopeSchema,
    includesCredentials: z.boolean(),
    data: backupDataV1Schema,
    readServers: z.array(originSchema).optional(),
  })
  .superRefine((file, ctx) => checkReferences(file as never, ctx));
export type BackupFileV1 = z.infer<typeof backupFileV1Schema>;
