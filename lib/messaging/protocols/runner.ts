import { z } from 'zod';
import { idSchema } from '../../model';
import { teamWorkspaceIdSchema } from '../../team/roles';
import { runnerCredentialDocSchema, runnerDocSchema } from '../../team/runner-docs';
import type { MessageSpec } from '../spec';

/**
 * Handing accounts to the team's runner (issue 23), from Settings → The runner. Through the
 * background: it is the one that talks to the team server. The sign-in is sealed in the panel
 * before it is sent (lib/team/seal-credential.ts): what crosses here is ciphertext. In a shared
 * workspace the request names it (`{ linked }`) and the background uses the connection Settings →
 * Team keeps; otherwise the member's team server and CouchDB user come with each request and are
 * not kept. Merged into PROTOCOL (../protocol.ts).
 */
export const teamServerSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  user: z.string().min(1).max(200),
  password: z.string().min(1).max(1_000),
  workspaceId: teamWorkspaceIdSchema,
});
export type TeamServer = z.infer<typeof teamServerSchema>;

/** A team server typed for this request, or the one the shared workspace `linked` is linked to in Settings → Team. */
export const teamServerRefSchema = z.union([teamServerSchema, z.object({ linked: idSchema })]);
export type TeamServerRef = z.infer<typeof teamServerRefSchema>;

export const RUNNER_PROTOCOL = {
  /** The runners that published their key in the workspace (`cadence-runner init`). */
  'runner.list': {
    from: ['extension'],
    input: z.object({ server: teamServerRefSchema }),
    // user: the member's CouchDB user the server was asked as (a hand-over is in their name).
    output: z.object({ runners: z.array(runnerDocSchema), user: z.string() }),
  },
  /** Writes the sealed sign-in of one account, in the member's own name. */
  'runner.handOver': {
    from: ['extension'],
    input: z.object({ server: teamServerRefSchema, credential: runnerCredentialDocSchema }),
    output: z.object({ runnerId: z.string() }),
  },
  /** "Take back": deletes the account's sealed sign-in; the runner forgets it at its next read. */
  'runner.takeBack': {
    from: ['extension'],
    input: z.object({ server: teamServerRefSchema, accountId: z.string().min(1).max(200) }),
    output: z.object({ removed: z.boolean() }),
  },
} as const satisfies Record<string, MessageSpec>;
