import { z } from 'zod';
import { idSchema } from '../../model';
import type { MessageSpec } from '../spec';

/** Connecting, reconnecting and disconnecting network accounts. Merged into PROTOCOL (../protocol.ts). */
export const ACCOUNTS_PROTOCOL = {
  /** A reminder account (X, LinkedIn, Threads, Facebook): a handle, no sign-in. */
  'account.addReminder': {
    from: ['extension'],
    input: z.object({ workspaceId: idSchema, network: z.enum(['x', 'linkedin', 'threads', 'facebook']), handle: z.string().trim().min(1).max(100) }),
    output: z.object({ accountId: idSchema }),
  },
  /** Deletes the credential; deliveries not yet out stay waiting for a reconnect, or go back to drafts. */
  'account.disconnect': {
    from: ['extension'],
    input: z.object({ accountId: idSchema, scheduled: z.enum(['keep', 'drafts']) }),
    output: z.object({ moved: z.number(), waiting: z.number() }),
  },
} as const satisfies Record<string, MessageSpec>;
