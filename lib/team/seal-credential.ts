import {
  credentialContext,
  runnerCredentialDocId,
  runnerCredentialDocSchema,
  type RunnerCredentialDoc,
  type RunnerDoc,
  type RunnerSecret,
} from './runner-docs';
import { seal } from './sealed';

/**
 * The `runner-credential:<account>` document for one account, its sign-in sealed to one runner's
 * public key. Made where the member typed the sign-in (the side panel), so only ciphertext travels
 * to the background and the team server.
 */
export interface HandOver {
  runner: RunnerDoc;
  account: RunnerCredentialDoc['account'];
  secret: RunnerSecret;
  /** The member's CouchDB user. */
  by: string;
  at: number;
}

export async function sealCredential({ runner, account, secret, by, at }: HandOver): Promise<RunnerCredentialDoc> {
  const sealed = await seal(runner.publicKey, JSON.stringify(secret), credentialContext(runner.runnerId, account.id));
  return runnerCredentialDocSchema.parse({
    _id: runnerCredentialDocId(account.id),
    type: 'runner-credential',
    runnerId: runner.runnerId,
    account,
    by,
    at,
    sealed,
  });
}
