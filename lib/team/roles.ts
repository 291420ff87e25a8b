import { z } from 'zod';

/**
 * The roles of a shared workspace (issue 23), held by the server: the set-up writes each member's
 * roles into the workspace's design document (validate-doc-update.ts).
 *
 * - owner: everything, in its own workspace;
 * - editor: drafts, edits drafts, proposes them for review, schedules what is approved;
 * - approver: approves, or requests changes with a comment;
 * - client: sees and approves only the posts shared with them;
 * - publisher: claims leases and records what was sent (a member's browser, or the runner).
 */
export const teamRoleSchema = z.enum(['owner', 'editor', 'approver', 'client', 'publisher']);
export type TeamRole = z.infer<typeof teamRoleSchema>;

/** A workspace id as it appears in a role name and a database name: CouchDB's database names are `^[a-z][a-z0-9_$()+/-]*$`. */
export const teamWorkspaceIdSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,100}$/, 'a workspace id starts with a-z and holds only a-z, 0-9, _ and -');

/** One database per workspace. */
export function databaseName(workspaceId: string): string {
  return `cadence-${workspaceId}`;
}
