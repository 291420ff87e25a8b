import type { BenchContext } from './context.ts';
import { figure, type Figure } from './stats.ts';

type Context = Pick<BenchContext, 'browser' | 'extensionId'>;

const isBackground = (url: string) => url.endsWith('/background.js');

/**
 * Cold start of the service worker: stop it, then time a message from the side panel until the
 * answer arrives (worker start + module evaluation + IndexedDB open + handler).
 */
export async function benchWorker({ browser, extensionId }: Context): Promise<Figure[]> {
  const page = await browser.newPage();
  await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  await page.waitForSelector('[role="tablist"]');
  const ask = () =>
    page.evaluate(async () => {
      const started = performance.now();
      await chrome.runtime.sendMessage({ type: 'app.status', payload: {} });
      return performance.now() - started;
    });
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) warm.push(await ask());
  const cold: number[] = [];
  for (let i = 0; i < 10; i++) {
    const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && isBackground(t.url()));
    const worker = await target.worker();
    await worker?.close();
    await new Promise((done) => setTimeout(done, 300));
    cold.push(await ask());
  }
  await page.close();
  return [
    figure('worker.coldStart.messageRoundTrip', 'ms', cold, `warm round trip median ${figure('', '', warm).median} ms`),
    figure('worker.warm.messageRoundTrip', 'ms', warm),
  ];
}

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
