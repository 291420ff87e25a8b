import type { Couch } from './couch';
import {
  credentialContext,
  runnerCredentialDocId,
  runnerCredentialDocSchema,
  runnerDocSchema,
  type RunnerCredentialDoc,
  type RunnerDoc,
  type RunnerSecret,
} from './runner-docs';
import { seal } from './sealed';

/**
 * A member hands one of their accounts to a runner, and takes it back (issue 23). The sign-in is
 * sealed to the runner's public key (sealed.ts) where the member typed it, so the team server, the
 * other members and every other runner hold only ciphertext. Shared by the extension's Settings
 * and the tests.
 */
export interface HandOver {
  runner: RunnerDoc;
  account: RunnerCredentialDoc['account'];
  secret: RunnerSecret;
  /** The member's CouchDB user. */
  by: string;
  at: number;
}

/** The runners of a workspace, read from their `runner:` documents; a document that does not parse is left out. */
export async function listRunners(couch: Couch, db: string): Promise<RunnerDoc[]> {
  const answer = (await couch.request(
    'GET',
    `${encodeURIComponent(db)}/_all_docs?include_docs=true&startkey=%22runner%3A%22&endkey=%22runner%3A%EF%BF%B0%22`,
  )) as {
    rows?: { doc?: unknown }[];
  };
  return (answer.rows ?? []).flatMap((row) => {
    const parsed = runnerDocSchema.safeParse(row.doc);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function handAccountToRunner(couch: Couch, db: string, { runner, account, secret, by, at }: HandOver): Promise<RunnerCredentialDoc> {
  const _id = runnerCredentialDocId(account.id);
  const sealed = await seal(runner.publicKey, JSON.stringify(secret), credentialContext(runner.runnerId, account.id));
  const doc = runnerCredentialDocSchema.parse({ _id, type: 'runner-credential', runnerId: runner.runnerId, account, by, at, sealed });
  const current = await couch.get(db, _id);
  const rev = await couch.put(db, current?._rev ? { ...doc, _rev: current._rev } : doc);
  return { ...doc, _rev: rev };
}

/** Deletes the account's sealed sign-in; the runner forgets it at its next read. False when there was none. */
export async function takeAccountBack(couch: Couch, db: string, accountId: string): Promise<boolean> {
  const current = await couch.get(db, runnerCredentialDocId(accountId));
  if (!current?._rev) return false;
  await couch.request('DELETE', `${encodeURIComponent(db)}/${encodeURIComponent(current._id)}?rev=${encodeURIComponent(current._rev)}`);
  return true;
}

/** Whether the account is handed to a runner now, and to which. */
export async function handedTo(couch: Couch, db: string, accountId: string): Promise<RunnerCredentialDoc | null> {
  const parsed = runnerCredentialDocSchema.safeParse(await couch.get(db, runnerCredentialDocId(accountId)));
  return parsed.success ? parsed.data : null;
}
