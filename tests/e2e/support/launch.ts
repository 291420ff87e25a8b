import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Target, type WebWorker } from 'puppeteer-core';
import { inject } from 'vitest';

/**
 * Debian's Chromium in new headless mode with the built extension (shared/E2E.md). The resolver
 * rule keeps it on loopback: nothing in a test reaches beyond 127.0.0.1.
 */
export interface ExtensionBrowser {
  browser: Browser;
  extensionId: string;
  worker(): Promise<WebWorker>;
  /** Waits for a service worker other than `previous`: a restarted background. */
  nextWorker(previous: Target): Promise<WebWorker>;
  workerTarget(): Promise<Target>;
  /** Errors the background printed to its console since launch (every worker incarnation). */
  workerErrors: string[];
  close(): Promise<void>;
}

const isBackground = (target: Target) => target.type() === 'service_worker' && target.url().endsWith('/background.js');

export async function launchWithExtension(): Promise<ExtensionBrowser> {
  const tmp = resolve('.tmp');
  mkdirSync(tmp, { recursive: true });
  const profile = mkdtempSync(join(tmp, 'chromium-profile-'));
  const browser = await puppeteer.launch({
    executablePath: inject('chromium'),
    headless: true,
    pipe: true,
    enableExtensions: [inject('extensionPath')],
    userDataDir: profile,
    protocolTimeout: 30_000,
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'xdg-config'), XDG_CACHE_HOME: join(profile, 'xdg-cache') },
    args: [
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
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
    ],
  });
  const workerTarget = () => browser.waitForTarget(isBackground, { timeout: 20_000 });
  const workerErrors: string[] = [];
  const listen = async (target: Target) => {
    if (!isBackground(target)) return;
    const worker = await target.worker();
    worker?.on('console', (message) => {
      if (message.type() === 'error') workerErrors.push(message.text());
    });
  };
  browser.on('targetcreated', (target: Target) => void listen(target));
  const first = await workerTarget();
  await listen(first);
  const extensionId = new URL(first.url()).host;
  return {
    browser,
    extensionId,
    workerTarget,
    workerErrors,
    async worker() {
      return (await (await workerTarget()).worker())!;
    },
    async nextWorker(previous) {
      const target = await browser.waitForTarget((t) => isBackground(t) && t !== previous, { timeout: 30_000 });
      return (await target.worker())!;
    },
    async close() {
      await browser.close().catch(() => undefined); // already gone is fine
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` inside the service worker (WebWorker has no waitForFunction). */
export async function waitInWorker<A extends unknown[]>(
  worker: WebWorker,
  probe: (...args: A) => unknown,
  args: A,
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await worker.evaluate(probe as (...a: unknown[]) => unknown, ...args)) return;
    if (Date.now() > end) throw new Error(`worker condition not met within ${timeoutMs} ms: ${probe.toString().slice(0, 120)}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
