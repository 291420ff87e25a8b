import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { controlNamesIn, isKept, promisesIn, sourceFiles } from './dead-promises';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('texts that promise a control', () => {
  it('name a control some view renders (issue 17: no dead promises)', () => {
    const files = sourceFiles(root, ['components', 'lib']);
    const controls = controlNamesIn(files);
    const promises = promisesIn(root, files);
    // The scan must keep finding what it was written for, or it passes by seeing nothing.
    expect(promises.length).toBeGreaterThan(5);
    expect(promises.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Confirm posted', 'Add to queue', 'Cancel hand-off', 'Make this an A/B test', 'Write arm B']),
    );
    const dead = promises.filter((promise) => !isKept(promise.name, controls)).map((p) => `${p.file}:${p.line} promises “${p.name}”`);
    expect(dead).toEqual([]);
  });

  it('catches a promise whose control was renamed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dead-promise-'));
    const view = join(dir, 'View.tsx');
    const message = join(dir, 'message.ts');
    writeFileSync(view, `export const V = () => <button type="button" onClick={go}>\n  Cancel hand-off\n</button>;\n`);
    writeFileSync(message, `export const text = 'Choose “Cancel hand-off” on the Calendar, then press "Publish now".';\n`);
    const promises = promisesIn(dir, [view, message]);
    expect(promises.map((p) => p.name)).toEqual(['Cancel hand-off', 'Publish now']);
    const controls = controlNamesIn([view, message]);
    expect(promises.filter((p) => !isKept(p.name, controls)).map((p) => p.name)).toEqual(['Publish now']);
  });
});
