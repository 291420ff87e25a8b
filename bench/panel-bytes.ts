/**
 * The side panel's JavaScript, in bytes, from a build in `.output/chrome-mv3` (issue 24): what the
 * panel loads before its first paint (sidepanel.html's module and its static imports) and everything it
 * can load (plus the lazily imported views). `node bench/panel-bytes.ts` after `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const OUT = join(process.argv[2] ?? '.output/chrome-mv3');
const html = readFileSync(join(OUT, 'sidepanel.html'), 'utf8');
const entry = /<script type="module"[^>]*src="\/([^"]+)"/.exec(html)?.[1];
if (!entry) throw new Error('sidepanel.html names no module script');

function walk(start: string, isLazyIncluded: boolean): Set<string> {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(OUT, file), 'utf8');
    for (const [, name] of code.matchAll(/from"\.\/([^"]+\.js)"/g)) todo.push(`chunks/${name}`);
    for (const [, name] of code.matchAll(/import"\.\/([^"]+\.js)"/g)) todo.push(`chunks/${name}`);
    if (isLazyIncluded) for (const [, name] of code.matchAll(/"(chunks\/[^"]+\.js)"/g)) todo.push(name!);
  }
  return seen;
}

function bytes(files: Set<string>): { files: number; raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const code = readFileSync(join(OUT, file));
    raw += code.byteLength;
    gzip += gzipSync(code, { level: 9 }).byteLength;
  }
  return { files: files.size, raw, gzip };
}

console.log(JSON.stringify({ firstPaint: bytes(walk(entry, false)), withEveryView: bytes(walk(entry, true)) }));
