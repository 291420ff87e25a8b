import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { SITE_SCRIPT_FILE } from '@/lib/capture/site-buttons/registrations';

interface Manifest {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[]; js?: string[] }[];
}

const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

// What wxt.config.ts declares, written out again on purpose: widening it must change this test too.
const OPTIONAL_HOSTS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];
const PERMISSIONS = ['activeTab', 'scripting', 'alarms', 'contextMenus', 'notifications', 'identity', 'sidePanel', 'offscreen'];
const BROAD = /^(<all_urls>|\*:\/\/\*\/\*|https?:\/\/\*\/\*)$/;
// The site script's hosts (lib/capture/site-buttons/matches.ts): the supported social sites, https only.
const SOCIAL_HOSTS = [
  'https://bsky.app/*',
  'https://twitter.com/*',
  'https://www.linkedin.com/*',
  'https://www.reddit.com/*',
  'https://www.threads.com/*',
  'https://www.threads.net/*',
  'https://www.youtube.com/*',
  'https://x.com/*',
];

describe('least permissions in the build users load (docs/architecture.md)', () => {
  const real = read(inject('extensionPath'));

  it('has no host_permissions, only the declared optional hosts and API permissions', () => {
    expect(real.host_permissions).toBeUndefined();
    expect(real.optional_host_permissions).toEqual(OPTIONAL_HOSTS);
    expect([...(real.permissions ?? [])].sort()).toEqual([...PERMISSIONS].sort());
  });

  it('injects nothing into every page: one content script, on the supported social sites only', () => {
    expect(real.content_scripts).toEqual([{ matches: SOCIAL_HOSTS, js: ['content-scripts/social.js'] }]);
    for (const script of real.content_scripts ?? []) {
      for (const match of script.matches) {
        expect(match).not.toMatch(BROAD);
        expect(match).toMatch(/^https:\/\/[a-z.]+\/\*$/); // a named host, no wildcard in it
      }
    }
  });

  it('the script registered at run time on Mastodon servers is the declared site script, built, and asks for no host', () => {
    // WXT adds a `registration: 'runtime'` entrypoint's matches to host_permissions; registering
    // the declared script's own file for each server adds none (the test above).
    expect(real.content_scripts?.map((script) => script.js)).toEqual([[SITE_SCRIPT_FILE]]);
    expect(existsSync(join(inject('extensionPath'), SITE_SCRIPT_FILE))).toBe(true);
  });

  it('the e2e build differs only by the loopback and social hosts that stand in for the activeTab grant', () => {
    const e2e = read(inject('e2eExtensionPath'));
    expect(inject('e2eExtensionPath')).not.toBe(inject('extensionPath'));
    expect(e2e.host_permissions).toEqual([
      'http://127.0.0.1/*',
      'http://localhost/*',
      'https://x.com/*',
      'https://www.reddit.com/*',
      'https://old.reddit.com/*',
      'https://news.ycombinator.com/*',
      'https://mastodon.social/*',
    ]);
    const { host_permissions: _hosts, ...rest } = e2e;
    expect(rest).toEqual(real);
  });
});
