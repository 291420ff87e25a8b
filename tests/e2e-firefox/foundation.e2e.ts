import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LaunchedFirefox } from '../harness/firefox';
import type { SidePanel } from '../e2e/pages/side-panel';
import { launchFirefoxWithPanel } from './support/launch';

const VIEWS = ['Queue', 'Compose', 'Calendar', 'Inbox', 'Listening', 'Insights', 'Settings'];

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  background?: { scripts?: string[]; service_worker?: string };
  action?: { default_popup?: string; default_title?: string };
  sidebar_action?: { default_panel?: string };
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string } };
}

describe('the Firefox build users load (issue 21)', () => {
  const dir = inject('firefoxExtensionPath');
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

  it('is Manifest V3 with an event page, a sidebar and a toolbar button that opens it, and least permissions', () => {
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(manifest.sidebar_action?.default_panel).toBe('sidepanel.html');
    // No popup: a click fires action.onClicked, whose listener toggles the sidebar (lib/platform/sidebar.ts).
    expect(manifest.action).toMatchObject({ default_title: 'Cadence' });
    expect(manifest.action?.default_popup).toBeUndefined();
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*']);
    expect([...(manifest.permissions ?? [])].sort()).toEqual(['activeTab', 'alarms', 'contextMenus', 'identity', 'notifications', 'scripting']);
    expect(manifest.browser_specific_settings?.gecko?.id).toBe('cadence@cadence.invalid');
    expect(existsSync(join(dir, 'offscreen.html'))).toBe(false); // Firefox's background page has a document
  });

  it('passes web-ext lint with no errors', () => {
    const out = execFileSync('npx', ['web-ext', 'lint', '--source-dir', dir, '--output', 'json', '--no-input'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const report = JSON.parse(out.slice(out.indexOf('{'))) as { summary: { errors: number }; errors: { code: string; message: string }[] };
    expect(report.errors.map((error) => `${error.code}: ${error.message}`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  });
});

describe('the Firefox build in Firefox ESR', () => {
  let firefox: LaunchedFirefox;
  let panel: SidePanel;

  beforeAll(async () => {
    ({ firefox, panel } = await launchFirefoxWithPanel());
  });
  afterAll(async () => {
    await firefox?.dispose();
  });

  it('starts its background, which makes the first workspace', async () => {
    const workspace = await panel.activeWorkspace();
    expect(workspace.id).toMatch(/^ws_/);
  });

  it('moves through every view of the sidebar page by keyboard alone', async () => {
    await panel.page.bringToFront();
    await panel.page.waitForSelector('#workspace-switcher');
    await panel.page.focus('#workspace-switcher');
    await panel.press('Tab');
    expect(await panel.focusedText()).toBe('Queue');
    for (const view of VIEWS.slice(1)) {
      await panel.press('ArrowRight');
      expect(await panel.selectedView()).toBe(view);
      expect(await panel.focusedText()).toBe(view);
      expect((await panel.panelHeading()).length).toBeGreaterThan(0);
    }
    await panel.press('ArrowRight'); // wraps around
    expect(await panel.selectedView()).toBe('Queue');
    await panel.press('End');
    expect(await panel.selectedView()).toBe('Settings');
    await panel.press('Home');
    expect(await panel.selectedView()).toBe('Queue');
  });

  it('ran all of the above with no error in the background or the panel', async () => {
    expect(await firefox.extensionErrors()).toEqual([]);
  });
});
