import http from 'node:http';
import type { TestProject } from 'vitest/node';
import { startPostgres, type ThrowawayPostgres } from '../harness/postgres';
import { requireNode22 } from '../harness/prerequisites';
import { removeTempDir, shortTempDir } from '../harness/temp';

declare module 'vitest' {
  export interface ProvidedContext {
    pdsUrl: string;
    bskyUrl: string;
    plcUrl: string;
    controlUrl: string;
  }
}

/**
 * One real local AT Protocol network per run (shared/ATPROTO.md). Uses DB_POSTGRES_URL when set,
 * otherwise starts and stops its own PostgreSQL on 127.0.0.1.
 */
export default async function setup(project: TestProject) {
  requireNode22();
  let postgres: ThrowawayPostgres | null = null;
  let dbUrl = process.env.DB_POSTGRES_URL;
  if (!dbUrl) {
    postgres = await startPostgres(shortTempDir('pg'));
    dbUrl = postgres.url;
  }
  try {
    // Imported here: dev-env is heavy and needs Node 22 (checked above).
    const { startNetwork } = await import('../harness/atproto-network');
    const started = performance.now();
    // The network's files, and its TMPDIR, which the Chromium the e2e tests launch inherits: short
    // and outside the checkout (harness/temp.ts).
    const networkTmp = shortTempDir('atproto');
    const network = await startNetwork({ dbUrl, tmpDir: networkTmp });
    console.log(
      `[integration] local AT Protocol network up in ${Math.round(performance.now() - started)} ms (PDS ${network.pdsUrl}, AppView ${network.bskyUrl})`,
    );

    const control = http.createServer((request, response) => {
      if (request.url !== '/processAll') return void response.writeHead(404).end();
      network.processAll().then(
        () => response.writeHead(200).end('ok'),
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((done) => control.listen(0, '127.0.0.1', done));
    const address = control.address();
    project.provide('pdsUrl', network.pdsUrl);
    project.provide('bskyUrl', network.bskyUrl);
    project.provide('plcUrl', network.plcUrl);
    project.provide('controlUrl', `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);

    return async () => {
      await new Promise((done) => control.close(done));
      await network.close();
      if (!postgres && dbUrl) await dropSchemas(dbUrl, network.schemas);
      postgres?.stop();
      removeTempDir(networkTmp);
    };
  } catch (error) {
    postgres?.stop();
    throw error;
  }
}

async function dropSchemas(url: string, schemas: string[]) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
}
