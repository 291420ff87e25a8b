import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { requireFirefox, requireNode22 } from '../harness/prerequisites';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The Firefox build users load (.output/firefox-mv3). */
    firefoxExtensionPath: string;
    /** Its e2e-only twin (CADENCE_E2E=1): loopback hosts stand in for grants a test cannot click. */
    firefoxE2eExtensionPath: string;
    firefox: string;
  }
}

function build(outputPath: string, env: NodeJS.ProcessEnv, label: string) {
  if (process.env.CADENCE_E2E_SKIP_BUILD === '1' && existsSync(resolve(outputPath, 'manifest.json'))) return;
  const started = performance.now();
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  console.log(`[e2e-firefox] ${label} built in ${Math.round(performance.now() - started)} ms`);
}

/** Builds both Firefox extensions once per run (one after the other: both write .wxt/). */
export default function setup(project: TestProject) {
  requireNode22();
  const firefox = requireFirefox();
  const { CADENCE_E2E: _ignored, ...env } = process.env;
  const real = resolve('.output/firefox-mv3');
  const e2e = resolve('.output/firefox-mv3-e2e');
  build(real, env, 'Firefox extension');
  build(e2e, { ...env, CADENCE_E2E: '1' }, 'Firefox e2e build (loopback hosts)');
  project.provide('firefoxExtensionPath', real);
  project.provide('firefoxE2eExtensionPath', e2e);
  project.provide('firefox', firefox);
}
