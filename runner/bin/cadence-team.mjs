#!/usr/bin/env node
// `npx cadence-team setup …`: the server admin's set-up of a shared workspace (runner/team-cli.ts).
import { runEntry } from './build.mjs';

await runEntry('team-main');
