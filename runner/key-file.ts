import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { runnerIdSchema } from '@/lib/team/runner-docs';
import { makeKeyPair, privateJwkSchema, publicOf, type PrivateJwk, type PublicJwk } from '@/lib/team/sealed';

/**
 * The runner's key pair, kept in one file on the runner's machine (README, "The runner"):
 * `<dir>/runner-key.json`, the directory made 0700 and the file 0600, written once and never
 * overwritten (a new key would leave every sealed sign-in unreadable). Loading refuses a file
 * that others can read, as ssh does with a private key.
 */
const keyFileSchema = z.object({ v: z.literal(1), runnerId: runnerIdSchema, privateKey: privateJwkSchema, createdAt: z.number() });
export type RunnerKey = { runnerId: string; privateKey: PrivateJwk; publicKey: PublicJwk; path: string; isNew: boolean };

export const keyPath = (dir: string) => join(dir, 'runner-key.json');

export async function loadOrMakeKey(dir: string, runnerId: string, now: () => number): Promise<RunnerKey> {
  const path = keyPath(dir);
  const existing = readKey(dir);
  if (existing) {
    if (existing.runnerId !== runnerId)
      throw new Error(`${path} belongs to the runner "${existing.runnerId}", not "${runnerId}": give --id ${existing.runnerId}, or another --dir.`);
    return existing;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const { privateJwk } = await makeKeyPair();
  const file = keyFileSchema.parse({ v: 1, runnerId, privateKey: privateJwk, createdAt: now() });
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return { runnerId, privateKey: privateJwk, publicKey: publicOf(privateJwk), path, isNew: true };
}

/** The key in `dir`, or null when there is none yet. */
export function readKey(dir: string): RunnerKey | null {
  const path = keyPath(dir);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  if ((statSync(path).mode & 0o077) !== 0) throw new Error(`${path} can be read by other users of this machine: run chmod 600 ${path}.`);
  const file = keyFileSchema.parse(JSON.parse(text));
  return { runnerId: file.runnerId, privateKey: file.privateKey, publicKey: publicOf(file.privateKey), path, isNew: false };
}
