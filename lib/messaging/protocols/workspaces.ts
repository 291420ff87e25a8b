import { z } from 'zod';
import { idSchema } from '../../model';
import type { MessageSpec } from '../spec';
import { serverSignOutSchema } from './accounts';

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
    // serverSignOuts: one per sign-in of the deleted accounts, as account.disconnect's serverSignOut.
    output: footprintSchema.extend({ activeWorkspaceId: idSchema.nullable(), serverSignOuts: z.array(serverSignOutSchema) }),
  },
} as const satisfies Record<string, MessageSpec>;
