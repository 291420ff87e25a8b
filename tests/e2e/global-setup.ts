import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { requireChromium, requireNode22 } from '../harness/prerequisites';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The build users load (.output/chrome-mv3): no host permissions. */
    extensionPath: string;
    /** The e2e-only build (CADENCE_E2E=1, wxt.config.ts): loopback hosts stand in for activeTab. */
    e2eExtensionPath: string;
    chromium: string;
  }
}

function build(outputPath: string, env: NodeJS.ProcessEnv, label: string) {
  if (process.env.CADENCE_E2E_SKIP_BUILD === '1' && existsSync(resolve(outputPath, 'manifest.json'))) return;
  const started = performance.now();
  execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  console.log(`[e2e] ${label} built in ${Math.round(performance.now() - started)} ms`);
}

/** Builds both Chrome extensions once per run; every e2e file loads one of them into Chromium. */
export default function setup(project: TestProject) {
  requireNode22();
  const chromium = requireChromium();
  const extensionPath = resolve('.output/chrome-mv3');
  const e2eExtensionPath = resolve('.output/chrome-mv3-e2e');
  // One after the other: both write .wxt/ (generated types), and the machine has two cores.
  const { CADENCE_E2E: _ignored, ...env } = process.env;
  build(extensionPath, env, 'extension');
  build(e2eExtensionPath, { ...env, CADENCE_E2E: '1' }, 'e2e build (loopback hosts for activeTab)');
  project.provide('extensionPath', extensionPath);
  project.provide('e2eExtensionPath', e2eExtensionPath);
  project.provide('chromium', chromium);
}
