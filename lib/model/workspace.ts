import { z } from 'zod';
import { epochMsSchema, idSchema, timeZoneSchema } from './common';

/** One client of the social media manager. Accounts, queue, streams and reports hang off it. */
export const workspaceSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  name: z.string().trim().min(1).max(80),
  timeZone: timeZoneSchema,
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  createdAt: epochMsSchema,
  updatedAt: epochMsSchema,
});
export type Workspace = z.infer<typeof workspaceSchema>;
