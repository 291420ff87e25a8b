import { z } from 'zod';
import type { Couch } from './couch';
import { teamRoleSchema, type TeamRole } from './roles';
import { DESIGN_ID } from './server-setup';

/**
 * What this member may do in a shared workspace, read from the database's design document: the
 * set-up writes the members' roles and the approval rule into its validate_doc_update as literals
 * (validate-doc-update.ts), and a member can read the design document. For the UI only (which
 * actions to offer): the server holds the roles whatever this says.
 */
export interface TeamRules {
  roles: TeamRole[];
  requiresApproval: boolean;
}

const rolesSchema = z.record(z.string(), z.array(z.string()));

export function rulesFromSource(source: string, user: string): TeamRules {
  const roles = /var ROLES = (\{.*?\});/.exec(source)?.[1];
  const approval = /var REQUIRES_APPROVAL = (true|false);/.exec(source)?.[1];
  let parsed: Record<string, string[]> = {};
  try {
    parsed = rolesSchema.parse(JSON.parse(roles ?? '{}'));
  } catch {
    // A design document Cadence did not write: no role is offered, the server still decides.
  }
  const mine = (parsed[user] ?? []).flatMap((role) => {
    const known = teamRoleSchema.safeParse(role);
    return known.success ? [known.data] : [];
  });
  return { roles: mine, requiresApproval: approval !== 'false' };
}

export async function readTeamRules(couch: Couch, db: string, user: string): Promise<TeamRules> {
  const design = await couch.get(db, DESIGN_ID);
  const source = design && typeof design.validate_doc_update === 'string' ? design.validate_doc_update : '';
  return rulesFromSource(source, user);
}
