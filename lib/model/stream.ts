import { z } from 'zod';
import { epochMsSchema, idSchema } from './common';

/** A listening query, polled like the inbox. */
export const streamSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  workspaceId: idSchema,
  name: z.string().trim().min(1),
  kind: z.enum(['keyword', 'hashtag', 'phrase']),
  query: z.string().trim().min(1),
  accountIds: z.array(idSchema),
  /** Per-account high-water marks so results are neither missed nor fetched twice. */
  cursors: z.record(z.string(), z.string()),
  lastPolledAt: epochMsSchema.nullable(),
  createdAt: epochMsSchema,
});
export type Stream = z.infer<typeof streamSchema>;
