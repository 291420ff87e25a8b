import { describe, expect, it, vi } from 'vitest';
import { answerCleanArticle, offscreenCleaner, type OffscreenApi } from '@/lib/platform/article-cleaner';
import { loadPage } from '../capture/load-page';

const URL_OF = (path: string) => `chrome-extension://cadence${path}`;

/**
 * Chrome's offscreen API as far as the cleaner uses it: one document at a time, and messages
 * answered by the real listener (answerCleanArticle) in a happy-dom document, as the worker's.
 */
function fakeOffscreen({ answer = true } = {}) {
  const page = loadPage('<!doctype html><body></body>', URL_OF('/offscreen.html'));
  let open = false;
  const api = {
    createDocument: vi.fn(async () => {
      if (open) throw new Error('Only a single offscreen document may be created.');
      open = true;
    }),
    closeDocument: vi.fn(async () => {
      if (!open) throw new Error('No current offscreen document.');
      open = false;
    }),
    hasDocument: vi.fn(async () => open),
    send: vi.fn(async (message: unknown) => {
      if (!open || !answer) return new Promise(() => undefined);
      return answerCleanArticle(message, { id: 'cadence', url: URL_OF('/background.js') }, { id: 'cadence', workerUrl: URL_OF('/background.js') }, page.doc);
    }),
    url: URL_OF,
  } satisfies OffscreenApi;
  return { api, isOpen: () => open, close: () => page.close() };
}

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 0;
  return {
    set: (run: () => void) => (pending.set(++next, run), next),
    clear: (handle: unknown) => void pending.delete(handle as number),
    fireAll: () => {
      const runs = [...pending.values()];
      pending.clear();
      for (const run of runs) run();
    },
    count: () => pending.size,
  };
}

describe('offscreenCleaner', () => {
  it('opens one document for clips that come together, cleans each, and closes it when idle', async () => {
    const offscreen = fakeOffscreen();
    const timers = manualTimers();
    const clean = offscreenCleaner(offscreen.api, { timers });
    const [first, second] = await Promise.all([
      clean('<p onclick="x()">One <script>y()</script>two</p>'),
      clean('<p>Three</p><iframe src="https://evil.example"></iframe>'),
    ]);
    expect(first).toEqual({ html: '<div><p>One two</p></div>', text: 'One two' });
    expect(second).toEqual({ html: '<div><p>Three</p></div>', text: 'Three' });
    expect(offscreen.api.createDocument).toHaveBeenCalledTimes(1);
    expect(offscreen.api.createDocument).toHaveBeenCalledWith(expect.objectContaining({ url: '/offscreen.html', reasons: ['DOM_PARSER'] }));
    expect(timers.count()).toBe(1);
    timers.fireAll();
    await vi.waitFor(() => expect(offscreen.isOpen()).toBe(false));
    // The next clip opens it again.
    await expect(clean('<p>Four</p>')).resolves.toEqual({ html: '<div><p>Four</p></div>', text: 'Four' });
    expect(offscreen.api.createDocument).toHaveBeenCalledTimes(2);
    await offscreen.close();
  });

  it('uses a document that is already open (one a previous worker left) instead of opening another', async () => {
    const offscreen = fakeOffscreen();
    await offscreen.api.createDocument();
    const clean = offscreenCleaner(offscreen.api, { timers: manualTimers() });
    await expect(clean('<p>Kept</p>')).resolves.toMatchObject({ text: 'Kept' });
    expect(offscreen.api.createDocument).toHaveBeenCalledTimes(1);
    await offscreen.close();
  });

  it('rejects, rather than waits for ever, when the document does not answer', async () => {
    const offscreen = fakeOffscreen({ answer: false });
    const clean = offscreenCleaner(offscreen.api, { timers: manualTimers(), timeoutMs: 20 });
    await expect(clean('<p>Lost?</p>')).rejects.toThrow('did not answer within 0.02 s');
    await offscreen.close();
  });

  it('rejects an answer that is not a cleaned article', async () => {
    const offscreen = fakeOffscreen();
    offscreen.api.send.mockResolvedValueOnce({ html: '<script>x()</script>' });
    const clean = offscreenCleaner(offscreen.api, { timers: manualTimers() });
    await expect(clean('<p>x</p>')).rejects.toThrow('gave no cleaned article');
    await offscreen.close();
  });
});

describe('answerCleanArticle (the offscreen document)', () => {
  const self = { id: 'cadence', workerUrl: URL_OF('/background.js') };

  it('leaves every other message to whoever it is for', () => {
    const page = loadPage('<body></body>', URL_OF('/offscreen.html'));
    expect(answerCleanArticle({ type: 'status', payload: {} }, { id: 'cadence', url: URL_OF('/sidepanel.html') }, self, page.doc)).toBeUndefined();
    expect(answerCleanArticle({ target: 'offscreen', type: 'clean-article', html: 1 }, { id: 'cadence', url: self.workerUrl }, self, page.doc)).toBeUndefined();
    void page.close();
  });

  it('refuses a request from anyone but the service worker', async () => {
    const page = loadPage('<body></body>', URL_OF('/offscreen.html'));
    const request = { target: 'offscreen', type: 'clean-article', html: '<p>x</p>' };
    for (const sender of [
      { id: 'cadence', url: URL_OF('/sidepanel.html') },
      { id: 'other', url: self.workerUrl },
      { id: 'cadence', url: self.workerUrl, tab: { id: 1 } },
    ]) {
      await expect(answerCleanArticle(request, sender, self, page.doc)).resolves.toEqual({
        ok: false,
        error: expect.stringContaining('Only the Cadence service worker'),
      });
    }
    void page.close();
  });
});
