import { createServer } from 'node:net';

/** The demo's fixed ports (demo/run.ts): PLC, PDS, AppView and the article pages. */
export const DEMO_PORTS = [2582, 2583, 2584, 2585] as const;

/** True when nothing listens on `port` at 127.0.0.1. */
export const portIsFree = (port: number) =>
  new Promise<boolean>((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
