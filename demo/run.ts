// `npm run demo`: the whole product on one machine, with nothing leaving it.
// Builds the extension, starts a real local AT Protocol network on fixed ports (PLC 2582, PDS 2583,
// AppView 2584) with a brand and two followers, serves real article pages on 127.0.0.1:2585, and
// opens Chromium with Cadence loaded and connected to the brand. It writes a tour of the side panel
// (PNGs and one self-contained HTML page, in .output/demo-tour/) and opens it beside the panel; on a
// machine without a display Chromium runs headless for the tour alone. Ctrl-C stops everything it started.
//
// Environment: CADENCE_DEMO_HEADLESS=1 runs Chromium headless (used by the demo's e2e test);
// CADENCE_DEMO_SKIP_BUILD=1 reuses .output/chrome-mv3; CADENCE_DEMO_CHATTER_SECONDS sets how often
// a follower mentions the brand (default 45).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium, type LaunchedChromium } from '../tests/harness/chromium.ts';
import { findPostgresBin, startPostgres, type ThrowawayPostgres } from '../tests/harness/postgres.ts';
import { requireChromium, requireNode22 } from '../tests/harness/prerequisites.ts';
import { shortTempDir } from '../tests/harness/temp.ts';
import { DEMO_ACCOUNTS, seedNetwork, startChatter } from './seed.ts';
import { writeTour, type Tour } from './tour.ts';

const PORTS = { plc: 2582, pds: 2583, bsky: 2584, pages: 2585 } as const;
const PDS_URL = `http://localhost:${PORTS.pds}`;
const PAGES_DIR = resolve('demo/pages');
const TOUR_DIR = resolve('.output/demo-tour');
const headless = process.env.CADENCE_DEMO_HEADLESS === '1';
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const chatterMs = Number(process.env.CADENCE_DEMO_CHATTER_SECONDS ?? 45) * 1000;

const log = (line: string) => console.log(`[demo] ${line}`);
const cleanups: (() => Promise<void> | void)[] = [];
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  for (const cleanup of cleanups.reverse()) {
    // A server waiting on a client's keep-alive connection must not keep the demo alive forever.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<'late'>((done) => (timer = setTimeout(() => done('late'), 10_000)));
    try {
      if ((await Promise.race([Promise.resolve(cleanup()), late])) === 'late') console.error('[demo] a part took more than 10 s to stop; moving on.');
    } catch (error) {
      console.error('[demo] a part did not stop cleanly:', error);
    } finally {
      clearTimeout(timer);
    }
  }
  log('stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

function servePages(): Promise<http.Server> {
  const pages = new Map(
    readdirSync(PAGES_DIR)
      .filter((name) => name.endsWith('.html'))
      .map((name) => [`/${name}`, readFileSync(join(PAGES_DIR, name))]),
  );
  const index = `<!doctype html><meta charset="utf-8"><title>Cadence demo pages</title><h1>Pages to clip</h1><ul>${[...pages.keys()]
    .map((path) => `<li><a href="${path}">${path.slice(1)}</a></li>`)
    .join('')}</ul>`;
  const server = http.createServer((request, response) => {
    const body = request.url === '/' ? Buffer.from(index) : pages.get(request.url ?? '');
    if (!body) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  return new Promise((done) => server.listen(PORTS.pages, '127.0.0.1', () => done(server)));
}

async function connectExtension(chromium: LaunchedChromium): Promise<string> {
  const { browser } = chromium;
  const worker = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().endsWith('/background.js'));
  const extensionId = new URL(worker.url()).host;
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  // The brand joins the workspace the first run makes; the background writes it just after install.
  await page.waitForSelector('[role="tablist"]');
  const readWorkspaceId = () =>
    page.evaluate(async () => {
      // Never create the database here: an empty one would be upgraded as if it were old.
      if (!(await indexedDB.databases()).some((db) => db.name === 'cadence')) return null;
      return new Promise<string | null>((done, fail) => {
        const open = indexedDB.open('cadence');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('settings')) return void (db.close(), done(null));
          const read = db.transaction('settings').objectStore('settings').get('settings');
          read.onsuccess = () => {
            db.close();
            done((read.result as { activeWorkspaceId: string | null } | undefined)?.activeWorkspaceId ?? null);
          };
          read.onerror = () => fail(read.error);
        };
      });
    });
  let workspaceId: string | null = null;
  for (const until = Date.now() + 20_000; !workspaceId && Date.now() < until;) {
    workspaceId = await readWorkspaceId();
    if (!workspaceId) await new Promise((done) => setTimeout(done, 200));
  }
  if (!workspaceId) throw new Error('Cadence has not set up its first workspace; open the side panel once and run the demo again.');
  const answer = await page.evaluate((payload) => chrome.runtime.sendMessage({ type: 'account.connectBluesky', payload }), {
    workspaceId,
    service: PDS_URL,
    identifier: DEMO_ACCOUNTS.brand.handle,
    password: DEMO_ACCOUNTS.brand.password,
  });
  if (!answer?.ok) throw new Error(`Cadence could not connect to the demo brand: ${answer?.error?.message ?? 'no answer'}`);
  // Read back what the extension stored, from its own database: the proof it is connected.
  const stored = await page.evaluate(
    () =>
      new Promise<{ handle: string; status: string }[]>((done, fail) => {
        const open = indexedDB.open('cadence');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('accounts').objectStore('accounts').getAll();
          all.onsuccess = () => done((all.result as { handle: string; status: string }[]).map(({ handle, status }) => ({ handle, status })));
          all.onerror = () => fail(all.error);
        };
      }),
  );
  const brand = stored.find((account) => account.handle === DEMO_ACCOUNTS.brand.handle);
  if (brand?.status !== 'connected') throw new Error(`Cadence did not store a connected ${DEMO_ACCOUNTS.brand.handle} account.`);
  await page.reload();
  const article = await browser.newPage();
  await article.goto(`http://127.0.0.1:${PORTS.pages}/`);
  await page.bringToFront();
  return extensionId;
}

function printAccess(extensionPath: string, connected: boolean, tour: Tour | null) {
  const lines = [
    '',
    'Cadence demo is running. Everything is local; nothing leaves this machine.',
    '',
    `  Local Bluesky network   PLC http://localhost:${PORTS.plc}   PDS ${PDS_URL}   AppView http://localhost:${PORTS.bsky}`,
    `  Pages to clip           http://127.0.0.1:${PORTS.pages}/`,
    '',
    '  Demo accounts (handle / password):',
    ...Object.values(DEMO_ACCOUNTS).map((account) => `    ${account.handle.padEnd(16)} ${account.password}   ${account.displayName}`),
    '',
  ];
  if (tour) lines.push(`  A tour of the side panel  ${tour.html}`, `    (${tour.shots.length} screenshots beside it, in ${tour.dir})`, '');
  if (!connected) {
    lines.push(
      'No display here, so Chromium ran headless only to take the tour. To use the demo in your own Chrome or Chromium:',
      `  1. open chrome://extensions, turn on Developer mode, "Load unpacked" and choose ${extensionPath}`,
      '  2. click the Cadence toolbar button to open the side panel, then Settings → Accounts → Connect Bluesky',
      `  3. under Advanced set the server to ${PDS_URL}; sign in as ${DEMO_ACCOUNTS.brand.handle} with ${DEMO_ACCOUNTS.brand.password}`,
      '',
    );
  }
  lines.push('Press Ctrl-C to stop everything the demo started.', '');
  console.log(lines.join('\n'));
}

async function main() {
  requireNode22();
  // Every prerequisite is checked before any work starts, each failing with the command that installs it.
  const chromiumBin = requireChromium();
  if (!process.env.DB_POSTGRES_URL) findPostgresBin();
  for (const [name, port] of Object.entries(PORTS)) {
    if (!(await portIsFree(port))) throw new Error(`Port ${port} (${name}) is in use. Is another demo running? Stop it, or free the port, and try again.`);
  }

  const extensionPath = resolve('.output/chrome-mv3');
  if (process.env.CADENCE_DEMO_SKIP_BUILD !== '1' || !existsSync(join(extensionPath, 'manifest.json'))) {
    log('building the extension…');
    execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }

  log('starting PostgreSQL for the AppView…');
  let postgres: ThrowawayPostgres | null = null;
  let dbUrl = process.env.DB_POSTGRES_URL;
  const resources: string[] = []; // folders whose processes must all be gone after Ctrl-C
  if (!dbUrl) {
    const root = shortTempDir('demo-pg');
    resources.push(root);
    postgres = await startPostgres(root);
    dbUrl = postgres.url;
    const started = postgres;
    cleanups.push(() => started.stop());
  }

  log('starting the local AT Protocol network…');
  const { startNetwork } = await import('../tests/harness/atproto-network.ts');
  const network = await startNetwork({ dbUrl, ports: { plc: PORTS.plc, pds: PORTS.pds, bsky: PORTS.bsky }, tmpDir: shortTempDir('demo-atproto') });
  cleanups.push(() => network.close());

  const pages = await servePages();
  cleanups.push(() => new Promise<void>((done) => pages.close(() => done())));

  log('seeding the brand and its followers…');
  const agents = await seedNetwork(network.pdsUrl, `http://127.0.0.1:${PORTS.pages}/mozilla-1.html`);
  await network.processAll();
  cleanups.push(startChatter(agents, chatterMs, log));

  // Without a display, Chromium runs headless only for the tour, then goes: the newcomer loads the
  // extension in their own browser (printAccess says how).
  const forTourOnly = !headless && !hasDisplay;
  log(`opening Chromium${headless || forTourOnly ? ' (headless)' : ''} with Cadence loaded…`);
  const chromium = await launchChromium({ chromium: chromiumBin, extensionPath, headless: headless || forTourOnly });
  const disposeChromium = () => chromium.dispose();
  cleanups.push(disposeChromium);
  resources.push(chromium.profile);
  const extensionId = await connectExtension(chromium);
  log(`Cadence (${extensionId}) is connected to ${DEMO_ACCOUNTS.brand.handle}.`);
  log('taking the tour of the side panel…');
  const tour = await writeTour(chromium.browser, extensionId, TOUR_DIR).catch((error: unknown) => {
    // The demo runs without its pictures: say why, and go on.
    console.error(`[demo] the tour could not be written: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  });
  if (tour && !headless && !forTourOnly) await (await chromium.browser.newPage()).goto(pathToFileURL(tour.html).href).catch(() => undefined);
  const connected = !forTourOnly;
  if (forTourOnly) {
    cleanups.splice(cleanups.indexOf(disposeChromium), 1);
    await chromium.dispose();
  }
  printAccess(extensionPath, connected, tour);
  console.log(`demo-ready ${JSON.stringify({ connected, pds: PDS_URL, pages: `http://127.0.0.1:${PORTS.pages}/`, resources, tour: tour?.html ?? null })}`);
}

main().catch((error: unknown) => {
  console.error(`[demo] ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
