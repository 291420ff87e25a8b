import { z } from 'zod';
import { idSchema } from '../../model';
import type { MessageSpec } from '../spec';

const footprintSchema = z.object({
  accounts: z.number(),
  posts: z.number(),
  deliveries: z.number(),
  pending: z.number(),
  published: z.number(),
  streams: z.number(),
  clipsOnlyHere: z.number(),
});

/** Workspaces, backup and import. Merged into PROTOCOL (../protocol.ts). */
export const WORKSPACES_PROTOCOL = {
  /**
   * Deletes a workspace with its accounts, credentials, posts, deliveries, streams, inbox and
   * metrics, in one transaction. In the background because credentials and the publish alarm are its.
   */
  'workspace.delete': {
    from: ['extension'],
    input: z.object({ workspaceId: idSchema }),
    output: footprintSchema.extend({ activeWorkspaceId: idSchema.nullable() }),
  },
} as const satisfies Record<string, MessageSpec>;
