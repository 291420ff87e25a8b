import type { Couch } from './couch';
import { runnerCredentialDocId, runnerCredentialDocSchema, runnerDocSchema, type RunnerCredentialDoc, type RunnerDoc } from './runner-docs';
import { sealCredential, type HandOver } from './seal-credential';

/**
 * A member hands one of their accounts to a runner, and takes it back (issue 23), on the team
 * server: the runners' public keys are read from their `runner:` documents, the sealed sign-in
 * (seal-credential.ts) is written as `runner-credential:<account>`, and taking it back deletes
 * that document. The background's runner service and the tests use these.
 */
export type { HandOver } from './seal-credential';

/** The runners of a workspace, read from their `runner:` documents; a document that does not parse is left out. */
export async function listRunners(couch: Couch, db: string): Promise<RunnerDoc[]> {
  const range = `startkey=${encodeURIComponent('"runner:"')}&endkey=${encodeURIComponent('"runner:\ufff0"')}`;
  const answer = (await couch.request('GET', `${encodeURIComponent(db)}/_all_docs?include_docs=true&${range}`)) as { rows?: { doc?: unknown }[] };
  return (answer.rows ?? []).flatMap((row) => {
    const parsed = runnerDocSchema.safeParse(row.doc);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Writes a sealed sign-in over whatever revision is there (the member's newest hand-over wins). */
export async function putCredential(couch: Couch, db: string, doc: RunnerCredentialDoc): Promise<RunnerCredentialDoc> {
  const current = await couch.get(db, doc._id);
  const { _rev: _ignored, ...fresh } = doc;
  const rev = await couch.put(db, current?._rev ? { ...fresh, _rev: current._rev } : fresh);
  return { ...fresh, _rev: rev };
}

export async function handAccountToRunner(couch: Couch, db: string, handOver: HandOver): Promise<RunnerCredentialDoc> {
  return putCredential(couch, db, await sealCredential(handOver));
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
