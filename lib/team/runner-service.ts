import type { BackgroundService, ServiceContext } from '../app/background-service';
import { ValidationError } from '../errors';
import type { RUNNER_PROTOCOL, TeamServer, TeamServerRef } from '../messaging/protocols/runner';
import type { Fetch } from '../networks/types';
import { createCouch } from './couch';
import { listRunners, putCredential, takeAccountBack } from './hand-over';
import { databaseName } from './roles';
import { storedTeamServer } from './stored-server';

/**
 * The background's side of Settings → The runner (issue 23): reads the runners' public keys from
 * the workspace database and writes or deletes an account's sealed sign-in, as the member's own
 * CouchDB user (the server's validate function holds who may): in a shared workspace the one
 * Settings → Team keeps (stored-server.ts). It never sees a sign-in in clear.
 */
export function createRunnerHandOverService(context: ServiceContext, deps: { fetch?: Fetch } = {}): BackgroundService<keyof typeof RUNNER_PROTOCOL> {
  const fetch: Fetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const resolve = async (ref: TeamServerRef): Promise<TeamServer> => {
    if (!('linked' in ref)) return ref;
    const stored = await storedTeamServer(await context.store, ref.linked);
    if (!stored) throw new ValidationError('This workspace is not shared: link it in Settings → Team, or type the team server here.');
    return stored;
  };
  const open = async (ref: TeamServerRef) => {
    const server = await resolve(ref);
    return { server, couch: createCouch({ url: server.url, user: server.user, password: server.password, fetch }), db: databaseName(server.workspaceId) };
  };
  return {
    handlers: {
      'runner.list': async ({ server }) => {
        const { couch, db, server: used } = await open(server);
        return { runners: await listRunners(couch, db), user: used.user };
      },
      'runner.handOver': async ({ server, credential }) => {
        const { couch, db, server: used } = await open(server);
        if (credential.by !== used.user) throw new ValidationError('A sign-in is handed over in your own name.');
        if (!(await listRunners(couch, db)).some((runner) => runner.runnerId === credential.runnerId)) {
          throw new ValidationError(`No runner “${credential.runnerId}” has joined this workspace.`);
        }
        await putCredential(couch, db, credential);
        return { runnerId: credential.runnerId };
      },
      'runner.takeBack': async ({ server, accountId }) => {
        const { couch, db } = await open(server);
        return { removed: await takeAccountBack(couch, db, accountId) };
      },
    },
  };
}
