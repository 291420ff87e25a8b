import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { teamWorkspaceIdSchema } from '@/lib/team/roles';
import { runnerIdSchema } from '@/lib/team/runner-docs';

/**
 * `cadence-runner [init] --couch URL --workspace ID [...]`. The runner's CouchDB user and password
 * come in the URL (`http://runner:secret@host:5984`) or from `--user` and the
 * CADENCE_COUCH_PASSWORD environment variable, which keeps the password out of `ps`.
 */
export const USAGE = `Usage:
  cadence-runner init --couch URL --workspace ID [--id NAME] [--dir DIR] [--user NAME]
      Makes this runner's key pair (kept in DIR/runner-key.json, mode 0600) and publishes its
      public key to the workspace, so members can hand accounts to it.
  cadence-runner --couch URL --workspace ID [--dir DIR] [--user NAME] [--every SECONDS] [--once]
      Publishes the workspace's due posts for the accounts handed to this runner.

  --couch    the team server, e.g. https://runner:PASSWORD@couch.example.com (or --user and
             CADENCE_COUCH_PASSWORD in the environment)
  --dir      where the key is kept (default ~/.config/cadence-runner)
  --id       the runner's name in the workspace, at init (default "runner")
  --every    how often to read the workspace, in seconds (default 15)
  --lease    how long a claim holds, in seconds (default 120)
  --once     read and publish once, then exit`;

const optionsSchema = z.object({
  command: z.enum(['init', 'run']),
  couchUrl: z.url({ protocol: /^https?$/ }),
  user: z.string().min(1, 'give the runner’s CouchDB user, in the URL or with --user'),
  password: z.string().min(1, 'give the runner’s CouchDB password, in the URL or in CADENCE_COUCH_PASSWORD'),
  workspace: teamWorkspaceIdSchema,
  runnerId: runnerIdSchema,
  dir: z.string().min(1),
  everyMs: z.number().int().min(1000),
  leaseMs: z.number().int().min(1000),
  once: z.boolean(),
});
export type RunnerOptions = z.infer<typeof optionsSchema>;

export function parseOptions(argv: string[], env: Record<string, string | undefined>): RunnerOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      couch: { type: 'string' },
      workspace: { type: 'string' },
      user: { type: 'string' },
      id: { type: 'string', default: 'runner' },
      dir: { type: 'string', default: join(homedir(), '.config', 'cadence-runner') },
      every: { type: 'string', default: '15' },
      lease: { type: 'string', default: '120' },
      once: { type: 'boolean', default: false },
    },
  });
  if (positionals.length > 1 || (positionals[0] && !['init', 'run'].includes(positionals[0]))) throw new Error(`Unknown command: ${positionals.join(' ')}`);
  if (!values.couch) throw new Error('--couch URL is needed');
  const url = new URL(values.couch);
  const user = decodeURIComponent(url.username) || values.user || '';
  const password = decodeURIComponent(url.password) || env.CADENCE_COUCH_PASSWORD || '';
  url.username = '';
  url.password = '';
  return optionsSchema.parse({
    command: positionals[0] ?? 'run',
    couchUrl: url.toString().replace(/\/+$/, ''),
    user,
    password,
    workspace: values.workspace,
    runnerId: values.id,
    dir: values.dir,
    everyMs: Math.round(Number(values.every) * 1000),
    leaseMs: Math.round(Number(values.lease) * 1000),
    once: values.once,
  });
}
