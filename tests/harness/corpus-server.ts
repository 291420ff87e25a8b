import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Mozilla Readability's saved pages (docs/architecture.md, "Data at hand"): `CADENCE_CORPUS`, else the first
 * `shared/corpus/readability-pages` above the repository (a checkout and its git worktrees sit at
 * different depths).
 */
export const CORPUS = process.env.CADENCE_CORPUS ?? findUp(fileURLToPath(new URL('.', import.meta.url)), join('shared', 'corpus', 'readability-pages'));

function findUp(from: string, relative: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, relative))) return join(dir, relative);
    if (dirname(dir) === dir) return join(from, relative); // not found: callers report the path they tried
  }
}

/**
 * Readability test pages that are not in the shared corpus (tests/fixtures/readability-pages,
 * README there): served and read like corpus pages, a corpus page of the same name first.
 */
export const EXTRA_PAGES = fileURLToPath(new URL('../fixtures/readability-pages/', import.meta.url));

export function extraPageNames(): string[] {
  return readdirSync(EXTRA_PAGES)
    .filter((name) => existsSync(join(EXTRA_PAGES, name, 'source.html')))
    .sort();
}

/** The folder holding a corpus page (or an extra page) of that name. */
function pageDir(name: string): string {
  return existsSync(join(CORPUS, name, 'source.html')) ? join(CORPUS, name) : join(EXTRA_PAGES, name);
}

export interface CorpusExpectation {
  title: string | null;
  byline: string | null;
  excerpt: string | null;
  readerable: boolean;
}

export function corpusNames(): string[] {
  return existsSync(CORPUS)
    ? readdirSync(CORPUS)
        .filter((name) => existsSync(join(CORPUS, name, 'source.html')))
        .sort()
    : [];
}

export function corpusExpectation(name: string): CorpusExpectation {
  return JSON.parse(readFileSync(join(pageDir(name), 'expected-metadata.json'), 'utf8')) as CorpusExpectation;
}

/** The article Readability's own tests expect from the page: an HTML fragment, pretty-printed. */
export function corpusExpectedHtml(name: string): string {
  return readFileSync(join(pageDir(name), 'expected.html'), 'utf8');
}

/**
 * Text with every run of whitespace taken out, to compare an article's text with expected.html:
 * that file is pretty-printed and a clip's text has paragraph breaks, so only the characters
 * can be compared, not the spacing between blocks.
 */
export const withoutWhitespace = (text: string) => text.replace(/\s+/g, '');

export interface PageServer {
  /** http://<host>:<port> */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves `/corpus/<name>/` (a corpus or extra page as saved), `/page/<name>` (HTML given here) and, for
 * pages a site extractor recognises by their path (a Mastodon status is `/@user/<id>`), HTML at
 * exact `paths` (a `.png` path is served as a picture), on a loopback address. Everything else, like a saved page's images and styles,
 * is a 404: nothing leaves the machine.
 */
export async function servePages({
  host = '127.0.0.1',
  pages = {},
  paths = {},
  tls,
}: { host?: string; pages?: Record<string, string>; paths?: Record<string, string | Buffer>; tls?: { key: string; cert: string } } = {}): Promise<PageServer> {
  const bodyAt = (path: string): string | Buffer | undefined => {
    if (Object.hasOwn(paths, path)) return paths[path];
    const [, area = '', rawName = ''] = path.split('/');
    const name = decodeURIComponent(rawName);
    if (area === 'corpus' && /^[\w.-]+$/.test(name) && existsSync(join(pageDir(name), 'source.html'))) return readFileSync(join(pageDir(name), 'source.html'));
    return area === 'page' ? pages[name] : undefined;
  };
  const handle = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const body = bodyAt(path);
    if (body === undefined) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': path.endsWith('.png') ? 'image/png' : 'text/html; charset=utf-8' }).end(body);
  };
  // With `tls`, https: for pages that must be reached under a site's own https:// address.
  const server = tls ? https.createServer(tls, handle) : http.createServer(handle);
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, host, done);
  });
  const { port } = server.address() as { port: number };
  return {
    origin: `${tls ? 'https' : 'http'}://${host}:${port}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
