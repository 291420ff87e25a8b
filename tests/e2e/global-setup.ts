import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { requireChromium, requireNode22 } from '../harness/prerequisites';

declare module 'vitest' {
  export interface ProvidedContext {
    extensionPath: string;
    chromium: string;
  }
}

/** Builds the Chrome extension once per run; every e2e file loads that build into Chromium. */
export default function setup(project: TestProject) {
  requireNode22();
  const chromium = requireChromium();
  const extensionPath = resolve('.output/chrome-mv3');
  if (process.env.CADENCE_E2E_SKIP_BUILD !== '1' || !existsSync(resolve(extensionPath, 'manifest.json'))) {
    const started = performance.now();
    execFileSync('npx', ['wxt', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
    console.log(`[e2e] extension built in ${Math.round(performance.now() - started)} ms`);
  }
  project.provide('extensionPath', extensionPath);
  project.provide('chromium', chromium);
}
