import type { Browser, Target, WebWorker } from 'puppeteer-core';
import { inject } from 'vitest';
import { launchChromium } from '../../harness/chromium';

/** The built extension in Chromium, with handles on its service worker. */
export interface ExtensionBrowser {
  browser: Browser;
  extensionId: string;
  worker(): Promise<WebWorker>;
  /** Waits for a service worker other than `previous`: a restarted background (30 s unless told). */
  nextWorker(previous: Target, timeoutMs?: number): Promise<WebWorker>;
  workerTarget(): Promise<Target>;
  /** Errors the background printed to its console since launch (every worker incarnation). */
  workerErrors: string[];
  close(): Promise<void>;
}

const isBackground = (target: Target) => target.type() === 'service_worker' && target.url().endsWith('/background.js');

/**
 * Launches Chromium with the build users load, or with `{ build: 'e2e' }` the e2e-only build whose
 * loopback host permissions stand in for the activeTab grant CDP cannot make (wxt.config.ts).
 */
export async function launchWithExtension({ build = 'real', siteHosts }: { build?: 'real' | 'e2e'; siteHosts?: string[] } = {}): Promise<ExtensionBrowser> {
  const extensionPath = inject(build === 'e2e' ? 'e2eExtensionPath' : 'extensionPath');
  const { browser, dispose } = await launchChromium({ chromium: inject('chromium'), extensionPath, siteHosts });
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
    async nextWorker(previous, timeoutMs = 30_000) {
      const target = await browser.waitForTarget((t) => isBackground(t) && t !== previous, { timeout: timeoutMs });
      return (await target.worker())!;
    },
    close: dispose,
  };
}

/** Polls `probe` inside the service worker (WebWorker has no waitForFunction). */
export async function waitInWorker<A extends unknown[]>(worker: WebWorker, probe: (...args: A) => unknown, args: A, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await worker.evaluate(probe as (...a: unknown[]) => unknown, ...args)) return;
    if (Date.now() > end) throw new Error(`worker condition not met within ${timeoutMs} ms: ${probe.toString().slice(0, 120)}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
