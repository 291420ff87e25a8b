import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrMakeKey, readKey } from '@/runner/key-file';
import { parseOptions } from '@/runner/options';
import { removeTempDir, shortTempDir } from '../../harness/temp';

describe('cadence-runner options', () => {
  it('takes the CouchDB user and password from the URL and keeps them out of the URL used', () => {
    const options = parseOptions(['--couch', 'http://runner:s%40cret@127.0.0.1:5984/', '--workspace', 'acme', '--dir', '/keys'], {});
    expect(options).toMatchObject({
      command: 'run',
      couchUrl: 'http://127.0.0.1:5984',
      user: 'runner',
      password: 's@cret',
      workspace: 'acme',
      dir: '/keys',
      everyMs: 15_000,
      leaseMs: 120_000,
    });
  });

  it('takes the password from CADENCE_COUCH_PASSWORD with --user, and init as the command', () => {
    const options = parseOptions(['init', '--couch', 'https://couch.example.com', '--user', 'runner', '--workspace', 'acme', '--id', 'office-pi'], {
      CADENCE_COUCH_PASSWORD: 'pw',
    });
    expect(options).toMatchObject({ command: 'init', user: 'runner', password: 'pw', runnerId: 'office-pi' });
  });

  it('refuses what it cannot use, saying what', () => {
    expect(() => parseOptions(['--workspace', 'acme'], {})).toThrow('--couch URL is needed');
    expect(() => parseOptions(['--couch', 'http://127.0.0.1:5984', '--workspace', 'acme'], {})).toThrow(/CouchDB user/);
    expect(() => parseOptions(['--couch', 'http://a:b@127.0.0.1:5984', '--workspace', 'Not OK'], {})).toThrow(/workspace id/);
    expect(() => parseOptions(['publish', '--couch', 'http://a:b@127.0.0.1:5984', '--workspace', 'acme'], {})).toThrow('Unknown command');
  });
});

describe('the runner’s key file', () => {
  let dir = '';
  afterEach(() => removeTempDir(dir));

  it('is made once with mode 0600, read back the same, and refused once others can read it', async () => {
    dir = shortTempDir('runner-key');
    const keys = join(dir, 'keys');
    const made = await loadOrMakeKey(keys, 'runner', () => 1);
    expect(made.isNew).toBe(true);
    expect(statSync(made.path).mode & 0o777).toBe(0o600);
    expect(statSync(keys).mode & 0o777).toBe(0o700);
    const again = await loadOrMakeKey(keys, 'runner', () => 2);
    expect(again).toMatchObject({ isNew: false, publicKey: made.publicKey });
    await expect(loadOrMakeKey(keys, 'other', () => 3)).rejects.toThrow('belongs to the runner "runner"');
    chmodSync(made.path, 0o644);
    expect(() => readKey(keys)).toThrow('chmod 600');
  });
});
