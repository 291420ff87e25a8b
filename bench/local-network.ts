import http from 'node:http';
import { startNetwork, type LocalNetwork } from '../tests/harness/atproto-network.ts';
import { startPostgres, type ThrowawayPostgres } from '../tests/harness/postgres.ts';
import { removeTempDir, shortTempDir } from '../tests/harness/temp.ts';

/**
 * The benchmarks' local AT Protocol network (PLC, PDS, AppView on free ports, with a throwaway
 * PostgreSQL unless DB_POSTGRES_URL is set) and a counting proxy in front of the PDS. The
 * extension is connected through the proxy, so every request it makes to its server is counted
 * by XRPC method, outside the extension's own code.
 */
export interface BenchNetwork {
  network: LocalNetwork;
  /** What the extension is connected to: the PDS behind the counting proxy. */
  proxyUrl: string;
  /** Requests seen since the last reset, by path (`/xrpc/app.bsky.notification.listNotifications`). */
  counts(): Record<string, number>;
  reset(): void;
  /** Requests forwarded and not answered yet. */
  inFlight(): number;
  close(): Promise<void>;
}

export async function startBenchNetwork(): Promise<BenchNetwork> {
  let postgres: ThrowawayPostgres | null = null;
  let dbUrl = process.env.DB_POSTGRES_URL;
  if (!dbUrl) {
    postgres = await startPostgres(shortTempDir('bench-pg'));
    dbUrl = postgres.url;
  }
  const networkTmp = shortTempDir('bench-atproto');
  let network: LocalNetwork;
  try {
    network = await startNetwork({ dbUrl, tmpDir: networkTmp });
  } catch (error) {
    postgres?.stop();
    throw error;
  }
  const target = new URL(network.pdsUrl);
  let counts: Record<string, number> = {};
  let inFlight = 0;
  const proxy = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    counts[path] = (counts[path] ?? 0) + 1;
    inFlight++;
    const upstream = http.request(
      { hostname: target.hostname, port: target.port, path: request.url, method: request.method, headers: { ...request.headers, host: target.host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
        answer.on('end', () => inFlight--);
      },
    );
    upstream.on('error', (error) => {
      inFlight--;
      response.writeHead(502).end(String(error));
    });
    request.pipe(upstream);
  });
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', () => done()));
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    network,
    proxyUrl: `http://localhost:${port}`,
    counts: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
    inFlight: () => inFlight,
    async close() {
      proxy.closeAllConnections();
      await new Promise<void>((done) => proxy.close(() => done()));
      await network.close().catch((error: unknown) => console.error('bench: the local network did not close cleanly', error));
      postgres?.stop();
      removeTempDir(networkTmp);
    },
  };
}
