import type { BackgroundService, ServiceContext } from '../app/background-service';
import { ValidationError } from '../errors';
import type { RUNNER_PROTOCOL, TeamServer } from '../messaging/protocols/runner';
import type { Fetch } from '../networks/types';
import { createCouch } from './couch';
import { listRunners, putCredential, takeAccountBack } from './hand-over';
import { databaseName } from './roles';

/**
 * The background's side of Settings → The runner (issue 23): reads the runners' public keys from
 * the workspace database and writes or deletes an account's sealed sign-in, as the member's own
 * CouchDB user (the server's validate function holds who may). It never sees a sign-in in clear.
 */
export function createRunnerHandOverService(_context: ServiceContext, deps: { fetch?: Fetch } = {}): BackgroundService<keyof typeof RUNNER_PROTOCOL> {
  const fetch: Fetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const open = (server: TeamServer) => ({
    couch: createCouch({ url: server.url, user: server.user, password: server.password, fetch }),
    db: databaseName(server.workspaceId),
  });
  return {
    handlers: {
      'runner.list': async ({ server }) => {
        const { couch, db } = open(server);
        return { runners: await listRunners(couch, db) };
      },
      'runner.handOver': async ({ server, credential }) => {
        if (credential.by !== server.user) throw new ValidationError('A sign-in is handed over in your own name.');
        const { couch, db } = open(server);
        if (!(await listRunners(couch, db)).some((runner) => runner.runnerId === credential.runnerId)) {
          throw new ValidationError(`No runner “${credential.runnerId}” has joined this workspace.`);
        }
        await putCredential(couch, db, credential);
        return { runnerId: credential.runnerId };
      },
      'runner.takeBack': async ({ server, accountId }) => {
        const { couch, db } = open(server);
        return { removed: await takeAccountBack(couch, db, accountId) };
      },
    },
  };
}
