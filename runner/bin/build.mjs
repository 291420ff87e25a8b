// The runner's TypeScript (runner/, and the lib/ it shares with the extension: extension-less
// imports, the `@/` alias) is bundled at every start into node_modules/.cache/cadence-runner/, then
// run by Node. Built at every start, never committed: a bundle that could be older than the code
// beside it is the thing a newcomer trips on. Packages (zod, @atproto/api, …) stay imports, so
// the bundle is small and takes about a second to build. Rolldown is the bundler Vite (and so
// WXT) already uses; package.json names it directly because this file imports it.
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`Cadence's runner needs Node 22 or newer; this is Node ${process.versions.node}.`);
  process.exit(1);
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const isPackage = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('@/') && !id.startsWith('\0') && !/^[A-Za-z]:[\\/]/.test(id);

/** Bundles runner/<entry>.ts and imports it (the entry runs itself). */
export async function runEntry(entry) {
  let build;
  try {
    ({ build } = await import('rolldown'));
  } catch {
    console.error(`The runner is built with rolldown, which is not installed here: run \`npm install\` in ${root} first.`);
    process.exit(1);
  }
  const file = join(root, 'node_modules', '.cache', 'cadence-runner', `${entry}.mjs`);
  // Built beside, then renamed over: two runners started at once never import a half-written file.
  const fresh = `${file}.${process.pid}.tmp.mjs`;
  await build({
    input: join(root, 'runner', `${entry}.ts`),
    platform: 'node',
    external: isPackage,
    resolve: { alias: { '@': root } },
    logLevel: 'warn',
    output: { file: fresh, format: 'esm', codeSplitting: false },
  });
  renameSync(fresh, file);
  await import(pathToFileURL(file).href);
}
