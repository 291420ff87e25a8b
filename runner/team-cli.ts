import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createCouch } from '@/lib/team/couch';
import { teamRoleSchema } from '@/lib/team/roles';
import { setUpWorkspace, type TeamMember } from '@/lib/team/server-setup';

/**
 * `cadence-team setup`: the server admin's set-up of one shared workspace, over
 * lib/team/server-setup.ts's setUpWorkspace (its database, security, members' users and the design
 * document holding their roles). Run it again whenever the team changes: whoever is not named is
 * no longer a member.
 */
export const TEAM_USAGE = `Usage:
  cadence-team setup --couch URL --admin USER:PASSWORD --workspace ID --member NAME:ROLES[:PASSWORD] ... [--no-approval]

  --admin    the server admin (or CADENCE_COUCH_ADMIN=USER:PASSWORD in the environment); a
             pouchdb-server that has no admin yet gets this one
  --member   one per member; ROLES is a comma-separated list of owner, editor, approver, client,
             publisher (the runner is a member with the role publisher); a PASSWORD is needed the
             first time, and changes it later
  --no-approval   posts may be scheduled without an approver's approval`;

function member(spec: string): TeamMember {
  const [name = '', roles = '', ...rest] = spec.split(':');
  const password = rest.join(':');
  return { name, roles: roles.split(',').map((role) => teamRoleSchema.parse(role.trim())), ...(password ? { password } : {}) };
}

/**
 * A pouchdb-server just started is an "admin party" (everyone is admin) until an admin is made;
 * the set-up makes the one it was given, so starting a server for the team is two commands. On
 * CouchDB 3 there is no admin party (its set-up makes the admin), and this does nothing.
 */
async function endAdminParty(url: string, user: string, password: string): Promise<boolean> {
  const session = z.object({ userCtx: z.object({ roles: z.array(z.string()) }) }).safeParse(await (await fetch(`${url.replace(/\/+$/, '')}/_session`)).json());
  if (!session.success || !session.data.userCtx.roles.includes('_admin')) return false;
  const made = await fetch(`${url.replace(/\/+$/, '')}/_config/admins/${encodeURIComponent(user)}`, { method: 'PUT', body: JSON.stringify(password) });
  if (!made.ok) throw new Error(`Could not make ${user} the server admin: ${made.status} ${await made.text()}`);
  return true;
}

export async function teamMain(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        couch: { type: 'string' },
        admin: { type: 'string' },
        workspace: { type: 'string' },
        member: { type: 'string', multiple: true, default: [] },
        'no-approval': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      console.log(TEAM_USAGE);
      return 0;
    }
    if (positionals[0] !== 'setup' || positionals.length !== 1) throw new Error('The command is `cadence-team setup`.');
    const url = z.url({ protocol: /^https?$/ }).parse(values.couch);
    const admin = values.admin ?? env.CADENCE_COUCH_ADMIN ?? '';
    const split = admin.indexOf(':');
    if (split < 1) throw new Error('--admin USER:PASSWORD is needed (or CADENCE_COUCH_ADMIN).');
    const members = values.member.map(member);
    if (members.length === 0) throw new Error('Name at least one --member.');
    const couch = createCouch({ url, user: admin.slice(0, split), password: admin.slice(split + 1), fetch });
    if (await endAdminParty(url, admin.slice(0, split), admin.slice(split + 1)))
      console.log(`${url} had no admin: ${admin.slice(0, split)} is its server admin now`);
    const { db } = await setUpWorkspace(couch, { workspaceId: values.workspace ?? '', requiresApproval: !values['no-approval'], members });
    console.log(`${db} is set up on ${url} for ${members.map((m) => `${m.name} (${m.roles.join(', ')})`).join(', ')}`);
    return 0;
  } catch (error) {
    const why =
      error instanceof z.ZodError
        ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n')
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`${why}\n\n${TEAM_USAGE}`);
    return 1;
  }
}
