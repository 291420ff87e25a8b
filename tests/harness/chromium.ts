import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { removeTempDir, shortTempDir } from './temp.ts';

/**
 * Debian's Chromium in new headless mode with the built extension loaded (shared/E2E.md). The
 * resolver rule keeps it on loopback: nothing reaches beyond 127.0.0.1. Used by the e2e tests,
 * the benchmarks and the demo.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--no-pings',
  '--disable-features=NetworkTimeServiceQuerying,OptimizationGuideModelDownloading,OptimizationHintsFetching,AutofillServerCommunication,CertificateTransparencyComponentUpdater,MediaRouter,Translate',
  // *.localhost is loopback by definition (RFC 6761) and Chromium resolves it itself; the e2e tests
  // use it as a loopback host outside the e2e build's host permissions.
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE *.localhost , EXCLUDE 127.0.0.1',
];

export interface LaunchedChromium {
  browser: Browser;
  profile: string;
  dispose(): Promise<void>;
}

/**
 * `siteHosts` serve real site names from loopback (e.g. bsky.app for the site-script test): their
 * MAP rules go before the catch-all, and certificate errors are ignored so a self-signed
 * certificate stands in for the site's (no request leaves the machine either way).
 */
export async function launchChromium({
  chromium,
  extensionPath,
  headless = true,
  siteHosts = [],
}: {
  chromium: string;
  extensionPath: string;
  headless?: boolean;
  siteHosts?: string[];
}): Promise<LaunchedChromium> {
  // A short folder outside the checkout (temp.ts): Chromium's SingletonSocket must fit in 108 bytes.
  const profile = shortTempDir('chromium');
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless,
    pipe: true,
    enableExtensions: [extensionPath],
    userDataDir: profile,
    protocolTimeout: 60_000,
    // Whoever launched it stops it (dispose): puppeteer's own signal handlers would exit the process
    // with 130 before the demo's Ctrl-C clean-up has stopped the network and PostgreSQL.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Chromium writes crash data under XDG dirs whatever the profile: keep it in the profile.
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'xdg-config'), XDG_CACHE_HOME: join(profile, 'xdg-cache') },
    args: siteHosts.length
      ? [
          ...CHROMIUM_ARGS.map((arg) =>
            arg.replace('--host-resolver-rules=', `--host-resolver-rules=${siteHosts.map((host) => `MAP ${host} 127.0.0.1 , `).join('')}`),
          ),
          '--ignore-certificate-errors',
        ]
      : CHROMIUM_ARGS,
  });
  return {
    browser,
    profile,
    async dispose() {
      await browser.close().catch(() => undefined); // already gone is fine
      removeTempDir(profile);
    },
  };
}
