#!/usr/bin/env node
// `npx cadence-runner`: see runner/options.ts for the commands, README "The runner" for the set-up.
import { runEntry } from './build.mjs';

await runEntry('main');
