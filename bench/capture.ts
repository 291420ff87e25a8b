import { readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
import { figure, type Figure } from './stats.ts';
import type { BenchContext } from './context.ts';

type Context = Pick<BenchContext, 'browser' | 'extensionPath' | 'notes'>;

const CORPUS = resolve('../shared/corpus/readability-pages');

/**
 * Bytes Cadence puts into a page the user never clips: counts every script context an extension
 * creates in the page while it loads (each would be a content script). What a clip injects is
 * measured with the clip itself, in bench/capture-speed.ts.
 */
export async function benchCapture({ browser, extensionPath }: Context): Promise<Figure[]> {
  const pages = readdirSync(CORPUS)
    .filter((name) => statSync(join(CORPUS, name)).isDirectory())
    .slice(0, 10);
  const server = http.createServer((request, response) => {
    const name = decodeURIComponent((request.url ?? '/').split('/')[1] ?? '');
    let body: Buffer;
    try {
      body = readFileSync(join(CORPUS, name, 'source.html'));
    } catch {
      return void response.writeHead(404).end(); // a page's images and styles: not in the corpus
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  const contexts: number[] = [];
  try {
    for (const name of pages) {
      const page = await browser.newPage();
      const session = await page.createCDPSession();
      let extensionContexts = 0;
      session.on('Runtime.executionContextCreated', (event: { context: { origin: string } }) => {
        if (event.context.origin.startsWith('chrome-extension://')) extensionContexts++;
      });
      await session.send('Runtime.enable');
      await page.goto(`http://127.0.0.1:${port}/${encodeURIComponent(name)}/`, { waitUntil: 'load' });
      await new Promise((done) => setTimeout(done, 300));
      contexts.push(extensionContexts);
      await page.close();
    }
  } finally {
    server.close();
  }
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'manifest.json'), 'utf8')) as { content_scripts?: { js?: string[]; matches: string[] }[] };
  const declared = (manifest.content_scripts ?? []).filter((script) => script.matches.some((match) => match === '<all_urls>' || match.includes('*://*/*')));
  const declaredBytes = declared.flatMap((script) => script.js ?? []).reduce((sum, file) => sum + statSync(join(extensionPath, file)).size, 0);
  return [
    figure('capture.extensionContextsInUnclippedPage', 'contexts', contexts, 'target 0'),
    figure('capture.bytesInjectedIntoUnclippedPage', 'bytes', [declaredBytes], 'target 0'),
  ];
}
