import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { removeTempDir, shortTempDir } from './temp.ts';

/**
 * Debian's Firefox ESR in headless mode, driven by puppeteer over WebDriver BiDi, with the built
 * extension installed as a temporary add-on (BiDi webExtension.install). Used by the e2e-firefox tests.
 *
 * - The moz-extension:// host is a random UUID per profile; the pref extensions.webextensions.uuids
 *   fixes it, so the panel's address is known before the add-on starts.
 * - BiDi refuses to navigate a tab to a moz-extension:// page ("not allowed in this context"), and
 *   headless Firefox shows no sidebar to drive. The panel's page is opened in a tab from the browser
 *   window's own (chrome) scope, which --remote-allow-system-access opens to BiDi: the same document
 *   the sidebar shows. That scope also reads the browser console, where the background's errors go.
 * - Network prefs keep Firefox on loopback: no updates, telemetry, captive portal or remote settings.
 */
export const ADDON_ID = 'cadence@cadence.invalid';
export const ADDON_UUID = '5a0c9f1e-2b7d-4c3a-9e61-0c2f8b7d4a11';
export const ADDON_ORIGIN = `moz-extension://${ADDON_UUID}`;

const QUIET_PREFS: Record<string, unknown> = {
  'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'browser.ping-centre.telemetry': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'services.settings.server': 'http://127.0.0.1:9/',
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.proxy.type': 0,
};

export interface LaunchedFirefox {
  browser: Browser;
  /** Opens `path` of the extension (e.g. /sidepanel.html) in a new tab and gives its page. */
  openExtensionPage(path: string): Promise<Page>;
  /** Errors the extension's own scripts (background, pages) printed to the browser console. */
  extensionErrors(): Promise<string[]>;
  /**
   * Presses the extension's keyboard shortcut `index` (0: the first of manifest.commands) the way
   * Firefox's own key handler does: the <key> Firefox made for it in the browser window runs its
   * command, which grants activeTab on the selected tab and fires commands.onCommand. (BiDi's key
   * input reaches the page, not the browser window's shortcuts.)
   */
  pressShortcut(index: number): Promise<void>;
  /** Runs `expression` in the browser window's chrome scope (privileged; tests only). */
  chrome(expression: string): Promise<unknown>;
  dispose(): Promise<void>;
}

interface EvaluateAnswer {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown };
  exceptionDetails?: { text: string };
}

export async function launchFirefox({ firefox, extensionPath }: { firefox: string; extensionPath: string }): Promise<LaunchedFirefox> {
  const profile = shortTempDir('firefox');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefox,
    headless: true,
    userDataDir: profile,
    protocolTimeout: 60_000,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: QUIET_PREFS,
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' },
  });
  try {
    const id = await browser.installExtension(extensionPath);
    if (id !== ADDON_ID) throw new Error(`Firefox installed the add-on as ${id}, not ${ADDON_ID}`);
  } catch (error) {
    await browser.close();
    removeTempDir(profile);
    throw error;
  }
  // The BiDi connection under puppeteer's Browser (public on BidiBrowser, not on the Browser type).
  const connection = (browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } }).connection;
  const chromeContext = async () => {
    const tree = (await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as { result: { contexts: { context: string }[] } };
    return tree.result.contexts[0]!.context;
  };
  const chrome = async (expression: string) => {
    const answer = (await connection.send('script.evaluate', { expression, target: { context: await chromeContext() }, awaitPromise: true }))
      .result as unknown as EvaluateAnswer;
    if (answer.type !== 'success') throw new Error(`chrome-scope script failed: ${answer.exceptionDetails?.text}`);
    return answer.result?.value;
  };
  return {
    browser,
    chrome,
    async pressShortcut(index) {
      const ran = await chrome(
        `(() => { const key = document.getElementById(${JSON.stringify(`ext-keyset-id-${ADDON_ID.replace(/[^a-z0-9_-]/g, '_')}`)})?.children[${index}]; if (!key) return false; key.dispatchEvent(new Event('command', { bubbles: true })); return true; })()`,
      );
      if (ran !== true) throw new Error(`Firefox has no key for the extension's shortcut ${index}`);
    },
    async openExtensionPage(path) {
      const url = `${ADDON_ORIGIN}${path}`;
      const before = new Set(await browser.pages());
      await chrome(
        `(() => { gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() }); return true; })()`,
      );
      // Puppeteer learns of the tab but not of its load from the chrome scope: its url() stays about:blank.
      for (let tries = 0; tries < 100; tries++) {
        for (const page of await browser.pages()) {
          if (before.has(page)) continue;
          const href = await page.evaluate(() => location.href).catch(() => '');
          if (href === url) return page;
        }
        await new Promise((done) => setTimeout(done, 100));
      }
      throw new Error(`the tab for ${url} never loaded`);
    },
    async extensionErrors() {
      const messages = (await chrome(
        `JSON.stringify(Services.console.getMessageArray().filter((m) => m instanceof Ci.nsIScriptError && !(m.flags & Ci.nsIScriptError.warningFlag) && !(m.flags & Ci.nsIScriptError.infoFlag) && (m.sourceName.startsWith(${JSON.stringify(ADDON_ORIGIN)}) || m.errorMessage.includes(${JSON.stringify(ADDON_ORIGIN)}))).map((m) => m.errorMessage + ' @ ' + m.sourceName))`,
      )) as string;
      // console.error calls are kept apart from script errors, in the console API's storage.
      const calls = (await chrome(
        `JSON.stringify(Cc['@mozilla.org/consoleAPI-storage;1'].getService(Ci.nsIConsoleAPIStorage).getEvents().filter((e) => e.level === 'error' && (e.addonId === ${JSON.stringify(ADDON_ID)} || String(e.filename).startsWith(${JSON.stringify(ADDON_ORIGIN)}))).map((e) => Array.from(e.arguments, (a) => String(a)).join(' ') + ' @ ' + e.filename))`,
      )) as string;
      return [...(JSON.parse(messages) as string[]), ...(JSON.parse(calls) as string[])];
    },
    async dispose() {
      await browser.close().catch(() => undefined);
      removeTempDir(profile);
    },
  };
}
