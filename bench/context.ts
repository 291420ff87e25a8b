import type { Browser } from 'puppeteer-core';
import type { clipRow, mulberry32 } from './generate.ts';

/** What bench/run.ts hands every suite; each suite names the part it uses with Pick. */
export interface BenchContext {
  browser: Browser;
  extensionId: string;
  extensionPath: string;
  seed: number;
  clipRow: typeof clipRow;
  mulberry32: typeof mulberry32;
  notes: string[];
}
