import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createCouch, type Couch } from '@/lib/team/couch';
import { databaseName } from '@/lib/team/roles';
import { runnerDocId, runnerDocSchema } from '@/lib/team/runner-docs';
import { loadOrMakeKey, readKey, type RunnerKey } from './key-file';
import { USAGE, parseOptions, type RunnerOptions } from './options';
import { createRunner } from './runner';

/** `cadence-runner`: `init` makes and publishes the key; without a command it publishes until stopped. */
export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let options: RunnerOptions;
  try {
    options = parseOptions(argv, env);
  } catch (error) {
    console.error(
      `${error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n') : String(error instanceof Error ? error.message : error)}\n\n${USAGE}`,
    );
    return 2;
  }
  const couch = createCouch({ url: options.couchUrl, user: options.user, password: options.password, fetch });
  const db = databaseName(options.workspace);
  return options.command === 'init' ? init(options, couch, db) : run(options, couch, db);
}

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

async function init(options: RunnerOptions, couch: Couch, db: string): Promise<number> {
  const key = await loadOrMakeKey(options.dir, options.runnerId, Date.now);
  log(key.isNew ? `made a key pair for the runner "${key.runnerId}": ${key.path} (mode 0600)` : `uses the key in ${key.path}`);
  await publishKey(couch, db, options.user, key);
  log(`published its public key as ${runnerDocId(key.runnerId)} in ${db}: members can now hand accounts to it in Settings → The runner`);
  return 0;
}

/** Writes `runner:<id>` with the public key, over the revision there is (the key file is the truth). */
async function publishKey(couch: Couch, db: string, user: string, key: RunnerKey): Promise<void> {
  const current = await couch.get(db, runnerDocId(key.runnerId));
  const doc = runnerDocSchema.parse({
    _id: runnerDocId(key.runnerId),
    type: 'runner',
    runnerId: key.runnerId,
    user,
    publicKey: key.publicKey,
    createdAt: Date.now(),
  });
  await couch.put(db, current?._rev ? { ...doc, _rev: current._rev } : doc);
}

async function run(options: RunnerOptions, couch: Couch, db: string): Promise<number> {
  const key = readKey(options.dir);
  if (!key) {
    console.error(`No runner key in ${options.dir}: run \`npx cadence-runner init --couch URL --workspace ${options.workspace}\` first.`);
    return 1;
  }
  const runner = createRunner({
    couch,
    db,
    user: options.user,
    runnerId: key.runnerId,
    replica: `${key.runnerId}@${hostname()}:${process.pid}`,
    privateJwk: key.privateKey,
    fetch,
    now: Date.now,
    token: randomUUID,
    log,
    leaseMs: options.leaseMs,
  });
  const stop = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
  log(`runner "${key.runnerId}" reads ${db} on ${options.couchUrl} every ${options.everyMs / 1000} s as ${options.user}`);
  for (;;) {
    try {
      await runner.sync();
      await runner.publishDue();
    } catch (error) {
      // The team server is away or refused: said, and tried again at the next tick.
      log(`this round stopped: ${error instanceof Error ? error.message : String(error)}`);
      if (options.once) return 1;
    }
    if (options.once || stop.signal.aborted) return 0;
    await new Promise<void>((done) => {
      const timer = setTimeout(done, options.everyMs);
      stop.signal.addEventListener('abort', () => (clearTimeout(timer), done()), { once: true });
    });
    if (stop.signal.aborted) return 0;
  }
}
