import { defineConfig } from 'wxt';

// Least permissions for the mission (docs/architecture.md): capture on demand with activeTab + scripting,
// alarms for publish/poll/metrics, notifications for failures and reminders, identity for Mastodon
// OAuth (PKCE). Network hosts are optional permissions asked for when the user connects a server.
// Chrome also gets sidePanel, and offscreen: its service worker has no DOM to clean a clipped
// article's markup in (lib/platform/article-cleaner.ts); Firefox's background page has one.
const BASE_PERMISSIONS = ['activeTab', 'scripting', 'alarms', 'contextMenus', 'notifications', 'identity'];
const OPTIONAL_HOSTS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];

// The e2e-only build (CADENCE_E2E=1). Chrome grants activeTab on a real menu click or shortcut,
// which CDP cannot make; these loopback hosts stand in for that grant so the tests drive the real
// capture path on pages served from 127.0.0.1. It builds into its own directory: the build users
// load (.output/chrome-mv3) never has host_permissions (tests/e2e/manifest.e2e.ts checks it).
// The social sites' own names stand in for the same grant there: tests/e2e/social-clip.e2e.ts serves
// saved posts under them from loopback (issue 25: extractors proven under the site's real host).
const IS_E2E_BUILD = process.env.CADENCE_E2E === '1';
const E2E_HOSTS = [
  'http://127.0.0.1/*',
  'http://localhost/*',
  'https://x.com/*',
  'https://www.reddit.com/*',
  'https://old.reddit.com/*',
  'https://news.ycombinator.com/*',
  'https://mastodon.social/*',
];

export default defineConfig({
  imports: false,
  // Static files (icons) live with the UI; the top level stays entrypoints/ components/ lib/ tests/.
  publicDir: 'components/public',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  webExt: { disabled: true },
  // Manifest V3 for every browser, Firefox too (issue 21): its background is an event page
  // (background.scripts), its panel a sidebar_action that the toolbar button opens.
  manifestVersion: 3,
  ...(IS_E2E_BUILD ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-e2e' } : {}),
  zip: {
    excludeSources: ['.tmp/**', '.pg/**', 'bench/results/**', 'tests/**', '.ci/**'],
  },
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Cadence',
    description: 'Curate, craft, schedule and answer social posts for every client, from the browser.',
    permissions: browser === 'firefox' ? BASE_PERMISSIONS : [...BASE_PERMISSIONS, 'sidePanel', 'offscreen'],
    optional_host_permissions: OPTIONAL_HOSTS,
    ...(IS_E2E_BUILD && manifestVersion === 3 ? { host_permissions: E2E_HOSTS } : {}),
    icons: { 16: '/icon-16.png', 32: '/icon-32.png', 48: '/icon-48.png', 128: '/icon-128.png' },
    action: { default_title: 'Cadence', default_icon: { 16: '/icon-16.png', 32: '/icon-32.png' } },
    commands: {
      'clip-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Clip this page (or the selection) to the queue',
      },
      'next-workspace': {
        suggested_key: { default: 'Alt+Shift+W' },
        description: 'Switch to the next client workspace',
      },
    },
    ...(browser === 'firefox'
      ? {
          // 140: the first Firefox (and ESR) that reads data_collection_permissions; Cadence sends
          // nothing to anyone but the networks the user connects, so it declares none (web-ext lint asks).
          browser_specific_settings: {
            gecko: { id: 'cadence@cadence.invalid', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
