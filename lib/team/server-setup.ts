import { z } from 'zod';
import { ConflictError, type Couch, type CouchDoc } from './couch';
import { databaseName, teamRoleSchema, teamWorkspaceIdSchema } from './roles';
import { validateDocUpdateSource } from './validate-doc-update';

/**
 * Sets a workspace up on the team's server, as the server admin: its database, its `_security`
 * (its members, and no database admins, so nobody but a server admin can replace the design
 * document), its members' users in `_users`, and the design document whose validate_doc_update
 * holds each member's roles (validate-doc-update.ts). `members` is the whole team: whoever is
 * not in it is no longer a member.
 *
 * Only the HTTP API of CouchDB 3 is used, nothing pouchdb-server adds, so the same call deploys on
 * Apache CouchDB 3 (README, "Working as a team"). Running it again is safe: it brings the
 * server to what it is given, keeping each user's password unless a new one is given, and
 * touching nothing of other workspaces.
 */
export const teamMemberSchema = z.object({
  name: z.string().min(1).max(200),
  /** Needed for a member the server does not know yet; for a known one, given only to change it. */
  password: z.string().min(8).optional(),
  roles: z.array(teamRoleSchema).min(1),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const workspaceSetupSchema = z.object({
  workspaceId: teamWorkspaceIdSchema,
  requiresApproval: z.boolean(),
  members: z.array(teamMemberSchema),
});
export type WorkspaceSetup = z.infer<typeof workspaceSetupSchema>;

export const DESIGN_ID = '_design/cadence';

export async function setUpWorkspace(admin: Couch, setup: WorkspaceSetup): Promise<{ db: string }> {
  const { workspaceId, requiresApproval, members } = workspaceSetupSchema.parse(setup);
  const db = databaseName(workspaceId);
  await createDatabase(admin, db);
  await admin.request('PUT', `${db}/_security`, {
    admins: { names: [], roles: [] },
    members: { names: members.map((m) => m.name), roles: [] },
  });
  for (const member of members) await putMember(admin, member);
  await upsert(admin, db, {
    _id: DESIGN_ID,
    language: 'javascript',
    validate_doc_update: validateDocUpdateSource({ requiresApproval, roles: Object.fromEntries(members.map((m) => [m.name, m.roles])) }),
  });
  return { db };
}

async function createDatabase(admin: Couch, db: string): Promise<void> {
  try {
    await admin.request('PUT', db);
  } catch (error) {
    // 412 file_exists: it was set up before. CouchDB 3 and pouchdb-server both answer 412, which reaches here as a NetworkError with that status.
    if (!(error instanceof Error && 'status' in error && error.status === 412)) throw error;
  }
}

/** Makes the member's user, or changes their password; their roles live in the design document, never in `_users`. */
async function putMember(admin: Couch, member: TeamMember): Promise<void> {
  const id = `org.couchdb.user:${member.name}`;
  const existing = await admin.get('_users', id);
  if (existing && !member.password) return;
  if (!member.password) throw new Error(`${member.name} is new to the team server: give a password for them`);
  await admin.put('_users', { ...(existing ?? { roles: [] }), _id: id, name: member.name, type: 'user', password: member.password });
}

async function upsert(admin: Couch, db: string, doc: CouchDoc): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const current = await admin.get(db, doc._id);
    try {
      await admin.put(db, current?._rev ? { ...doc, _rev: current._rev } : doc);
      return;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
  throw new ConflictError(doc._id);
}
