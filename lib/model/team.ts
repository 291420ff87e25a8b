import { z } from 'zod';
import { epochMsSchema, idSchema } from './common';

/**
 * This browser's side of a shared workspace (issue 23), in the `team` store (since version 8):
 *
 * - `link`: the workspace is linked to a database on a team server, with the member's CouchDB
 *   user, the replication checkpoint (`since`, the last `_changes` sequence applied), the last
 *   sync and its error in words;
 * - `secret`: that member's CouchDB password. A credential, kept where network tokens are kept
 *   (IndexedDB in the extension's origin: never storage.local, never a message, never a content
 *   script), in a row of its own so that no status read ever carries it;
 * - `mirror`: each document as the server last gave it, with its `_rev`: the base a push writes
 *   over (a PUT with that `_rev`) and what a refused write goes back to;
 * - `rejected`: a document from the server that did not map to a valid row, kept with why, never
 *   applied: Settings → Team lists them.
 */
export const teamRoleNameSchema = z.enum(['owner', 'editor', 'approver', 'client', 'publisher']);

export const teamLinkSchema = z.object({
  v: z.literal(1),
  kind: z.literal('link'),
  id: z.string().startsWith('link:'),
  workspaceId: idSchema,
  url: z.string().url(),
  user: z.string().min(1),
  db: z.string().min(1),
  /** One per browser profile: names this replica in leases. */
  replica: z.string().min(1),
  since: z.string(),
  /** From the database's design document at the last sync: what this member may do. */
  roles: z.array(teamRoleNameSchema),
  requiresApproval: z.boolean(),
  lastSyncedAt: epochMsSchema.nullable(),
  lastError: z.object({ code: z.string(), message: z.string(), at: epochMsSchema }).nullable(),
  createdAt: epochMsSchema,
});
export type TeamLink = z.infer<typeof teamLinkSchema>;

export const teamSecretSchema = z.object({
  v: z.literal(1),
  kind: z.literal('secret'),
  id: z.string().startsWith('secret:'),
  workspaceId: idSchema,
  password: z.string(),
});
export type TeamSecret = z.infer<typeof teamSecretSchema>;

export const teamMirrorSchema = z.object({
  v: z.literal(1),
  kind: z.literal('mirror'),
  id: z.string().startsWith('mirror:'),
  workspaceId: idSchema,
  docId: z.string(),
  rev: z.string(),
  doc: z.record(z.string(), z.unknown()),
});
export type TeamMirror = z.infer<typeof teamMirrorSchema>;

export const teamRejectedSchema = z.object({
  v: z.literal(1),
  kind: z.literal('rejected'),
  id: z.string().startsWith('rejected:'),
  workspaceId: idSchema,
  docId: z.string(),
  rev: z.string(),
  reason: z.string(),
  at: epochMsSchema,
});
export type TeamRejected = z.infer<typeof teamRejectedSchema>;

export const teamRowSchema = z.discriminatedUnion('kind', [teamLinkSchema, teamSecretSchema, teamMirrorSchema, teamRejectedSchema]);
export type TeamRow = z.infer<typeof teamRowSchema>;

export const teamIds = {
  link: (workspaceId: string) => `link:${workspaceId}`,
  secret: (workspaceId: string) => `secret:${workspaceId}`,
  mirror: (workspaceId: string, docId: string) => `mirror:${workspaceId}:${docId}`,
  rejected: (workspaceId: string, docId: string) => `rejected:${workspaceId}:${docId}`,
};
