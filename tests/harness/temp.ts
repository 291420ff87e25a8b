import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Throwaway folders for what the tests, the bench and the demo start: Chromium profiles, the local
 * AT Protocol network's files (its TMPDIR), PostgreSQL's data and socket folder.
 *
 * Never under the checkout: a Unix socket path must fit in 108 bytes (sun_path), and Chromium puts
 * its SingletonSocket in TMPDIR. From a checkout about 60 characters deep every Chromium launch died
 * with "Socket path too long" (issue 16). The system's temp folder is used when it is short enough
 * for the deepest socket we make there (about 70 more characters); otherwise /tmp.
 */
const MAX_ROOT = 32;

export function shortTempRoot(): string {
  const system = tmpdir();
  return system.length <= MAX_ROOT || !existsSync('/tmp') ? system : '/tmp';
}

/** A new empty folder `<short temp>/cadence-<name>-XXXXXX`; mkdtemp's random tail means an interrupted run never collides with the next. */
export function shortTempDir(name: string): string {
  return mkdtempSync(join(shortTempRoot(), `cadence-${name}-`));
}

export function removeTempDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}
