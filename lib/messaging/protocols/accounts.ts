import { z } from 'zod';
import { idSchema } from '../../model';
import type { MessageSpec } from '../spec';

/** Connecting, reconnecting and disconnecting network accounts. Merged into PROTOCOL (../protocol.ts). */
/** lib/networks/revoke.ts ServerSignOut: `problem` is null when the server ended the sign-in. */
export const serverSignOutSchema = z.object({ network: z.enum(['bluesky', 'mastodon']), host: z.string(), problem: z.string().nullable() });
const connectedSchema = z.object({ accountId: idSchema, handle: z.string() });

export const ACCOUNTS_PROTOCOL = {
  /** App-password sign-in; the password is used once and never stored. With `accountId`: reconnect. */
  'account.connectBluesky': {
    from: ['extension'],
    input: z.object({
      workspaceId: idSchema,
      service: z.string().max(300),
      identifier: z.string().trim().min(1).max(300),
      password: z.string().min(1).max(300),
      accountId: idSchema.optional(),
    }),
    output: connectedSchema,
  },
  /**
   * OAuth (PKCE) through identity.launchWebAuthFlow. The panel must have asked
   * permissions.request for the server's origin in the user's click first.
   */
  'account.connectMastodon': {
    from: ['extension'],
    input: z.object({ workspaceId: idSchema, server: z.string().trim().min(1).max(300), accountId: idSchema.optional() }),
    output: connectedSchema,
  },
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
    // serverSignOut: what the server said when told to end the sign-in (null: there was none to end).
    // runner: in a shared workspace, whether the team's runner held it and was made to forget it (null: not shared).
    output: z.object({
      moved: z.number(),
      waiting: z.number(),
      serverSignOut: serverSignOutSchema.nullable(),
      runner: z.object({ takenBack: z.boolean(), problem: z.string().nullable() }).nullable(),
    }),
  },
} as const satisfies Record<string, MessageSpec>;
