import { z } from 'zod';
import { publicJwkSchema, sealedSchema } from './sealed';

/**
 * The runner's documents in a workspace's database (issue 23).
 *
 * - `runner:<runner id>`: a runner's public key, written by the runner itself (`cadence-runner
 *   init`) as its own CouchDB user, a publisher. Members seal sign-ins to this key.
 * - `runner-credential:<account id>`: one account's network sign-in, sealed to one runner's key by
 *   the member who owns the account (Settings → The runner). Deleting it takes the account back:
 *   the runner forgets the sign-in when it reads the deletion.
 *
 * The server lets only the runner's own user write its key, and only the member who handed an
 * account over (or an owner) replace or delete its credential (validate-doc-update.ts).
 */
export const runnerIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a runner id holds only a-z, 0-9, _ and -');

export const runnerDocSchema = z.object({
  _id: z.string().startsWith('runner:'),
  _rev: z.string().optional(),
  type: z.literal('runner'),
  runnerId: runnerIdSchema,
  /** The CouchDB user the runner signs in as. */
  user: z.string().min(1),
  publicKey: publicJwkSchema,
  createdAt: z.number(),
});
export type RunnerDoc = z.infer<typeof runnerDocSchema>;

export const runnerCredentialDocSchema = z.object({
  _id: z.string().startsWith('runner-credential:'),
  _rev: z.string().optional(),
  type: z.literal('runner-credential'),
  runnerId: runnerIdSchema,
  account: z.object({ id: z.string().min(1), network: z.literal('bluesky'), handle: z.string().min(1) }),
  /** The member who handed the account over. */
  by: z.string().min(1),
  at: z.number(),
  sealed: sealedSchema,
});
export type RunnerCredentialDoc = z.infer<typeof runnerCredentialDocSchema>;

/**
 * What is sealed. For Bluesky, an app password made for the runner, not the browser's session:
 * a session's refresh token is rotated at every refresh (the PDS revokes the one it replaced), so a
 * session shared by a browser and the runner would sign one of them out; and a session runs out
 * after some weeks, while the runner must keep posting with every laptop shut. An app password
 * gives the runner its own sessions, and the member can revoke it on Bluesky alone.
 */
export const runnerSecretSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('atproto-app-password'), service: z.string().min(1), identifier: z.string().min(1), appPassword: z.string().min(1) }),
]);
export type RunnerSecret = z.infer<typeof runnerSecretSchema>;

export const runnerDocId = (runnerId: string) => `runner:${runnerId}`;
export const runnerCredentialDocId = (accountId: string) => `runner-credential:${accountId}`;

/** The additional data a credential is sealed with: opening it as another account, or by another runner, fails. */
export function credentialContext(runnerId: string, accountId: string): string {
  return `cadence-runner-credential\n${runnerId}\n${accountId}`;
}
