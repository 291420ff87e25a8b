import { mkdirSync } from 'node:fs';
import { TestBsky, TestBsync, TestPds, TestPlc, mockNetworkUtilities } from '@atproto/dev-env';
import { freePort } from './postgres.ts';

/**
 * A real local AT Protocol network: PLC, PDS, the bsky AppView (PostgreSQL) and bsync, composed
 * from @atproto/dev-env's parts without ozone (starts in about a second; see shared/ATPROTO.md).
 * The AppView indexes the PDS firehose live, so notifications arrive by plain polling.
 */
export interface LocalNetwork {
  plcUrl: string;
  pdsUrl: string;
  bskyUrl: string;
  /** Waits until the AppView has indexed everything: a test barrier; product code polls instead. */
  processAll(): Promise<void>;
  /** The PostgreSQL schemas this network created, to drop on a shared server. */
  schemas: string[];
  close(): Promise<void>;
}

export interface NetworkOptions {
  dbUrl: string;
  ports?: { plc?: number; pds?: number; bsky?: number };
  tmpDir: string;
}

const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

export async function startNetwork({ dbUrl, ports = {}, tmpDir }: NetworkOptions): Promise<LocalNetwork> {
  // dev-env leaves SQLite files, blobs and image caches in the temp dir.
  mkdirSync(tmpDir, { recursive: true });
  // The process's TMPDIR while the network runs (what it and a Chromium launched meanwhile use),
  // and the one from before once it is closed: the bench closes its network and launches the next
  // suite's Chromium, which inherited the removed folder and died with "Failed to create a
  // ProcessSingleton" (reported by puppeteer as "The browser is already running").
  const previousTmp = process.env.TMPDIR;
  const restoreTmp = () => {
    if (process.env.TMPDIR !== tmpDir) return;
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
  };
  process.env.TMPDIR = tmpDir;
  process.env.REDIS_HOST ??= 'unused'; // asserted by bsky's config, never used
  const schema = `cad_${letters(8)}`; // letters and underscores only: digits are rejected
  const pdsPort = ports.pds ?? (await freePort());
  const bskyPort = ports.bsky ?? (await freePort());
  const plc = await TestPlc.create(ports.plc ? { port: ports.plc } : {}); // a `port: undefined` key would override dev-env's free port
  const opened: { close(): Promise<unknown> }[] = [plc];
  try {
    const bsync = await TestBsync.create({ apiKeys: ['bsync-api-key'], dbUrl, dbSchema: `bsync_${schema}` });
    opened.unshift(bsync);
    const bsky = await TestBsky.create({
      port: bskyPort,
      publicUrl: `http://localhost:${bskyPort}`,
      plcUrl: plc.url,
      pdsPort,
      bsyncApiKey: 'bsync-api-key',
      bsyncUrl: bsync.url,
      repoProvider: `ws://localhost:${pdsPort}`,
      dbPostgresSchema: `appview_${schema}`,
      dbPostgresUrl: dbUrl,
      redisHost: 'unused',
    });
    opened.unshift(bsky);
    bsync.ctx.dataplaneClients = [bsky.ctx.dataplane];
    const pds = await TestPds.create({ port: pdsPort, didPlcUrl: plc.url, bskyAppViewUrl: bsky.url, bskyAppViewDid: bsky.ctx.cfg.serverDid });
    opened.splice(1, 0, pds);
    mockNetworkUtilities(pds, bsky);
    return {
      plcUrl: plc.url,
      pdsUrl: pds.url,
      bskyUrl: bsky.url,
      schemas: [`appview_${schema}`, `bsync_${schema}`],
      async processAll() {
        await pds.processAll();
        await bsky.sub.processAll();
      },
      async close() {
        // The AppView first: it holds a firehose connection to the PDS.
        try {
          for (const server of opened) await server.close();
        } finally {
          restoreTmp();
        }
      },
    };
  } catch (error) {
    for (const server of opened) await server.close().catch(() => undefined); // already failing; report the first error
    restoreTmp();
    throw error;
  }
}
