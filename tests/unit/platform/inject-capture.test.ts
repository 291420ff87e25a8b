import { describe, expect, it, vi } from 'vitest';
import type { Scripting } from 'webextension-polyfill';
import { AppError } from '@/lib/errors';
import { captureInTab } from '@/lib/platform/inject-capture';
import { makeCapture } from '../factories';

const request = { kind: 'page' as const, pageUrl: 'https://example.com/a' };

/** A scripting API whose two injections answer with the given results (or throw). */
function fakeScripting(contentType: unknown, clip: unknown, error?: Error) {
  const executeScript = vi.fn(async (injection: Scripting.ScriptInjection): Promise<Scripting.InjectionResult[]> => {
    if (error) throw error;
    return [{ documentId: 'd', frameId: 0, result: injection.func ? contentType : clip }];
  });
  return { executeScript };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe('captureInTab', () => {
  it('leaves the request in the page, then runs /capture.js and returns what it read', async () => {
    const read = { clip: makeCapture(), article: { html: '<p>Body</p>', text: 'Body' } };
    const scripting = fakeScripting('text/html', read);
    await expect(captureInTab(7, request, scripting)).resolves.toEqual(read);
    const [first, second] = scripting.executeScript.mock.calls.map(([injection]) => injection);
    expect(first).toMatchObject({ target: { tabId: 7 }, args: ['__cadenceCaptureRequest', request] });
    expect(second).toEqual({ target: { tabId: 7 }, files: ['/capture.js'] });
  });

  it.each([
    'chrome://settings',
    'about:blank',
    'https://chromewebstore.google.com/detail/x',
    'https://addons.mozilla.org/en-US/firefox/',
    'chrome-extension://abc/page.html',
  ])('refuses %s before injecting anything', async (pageUrl) => {
    const scripting = fakeScripting('text/html', makeCapture());
    const error = await rejection(captureInTab(1, { kind: 'page', pageUrl }, scripting));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'cannot-capture' });
    expect(scripting.executeScript).not.toHaveBeenCalled();
  });

  it('refuses a PDF and says to clip the link', async () => {
    const error = await rejection(captureInTab(1, request, fakeScripting('application/pdf', makeCapture())));
    expect(error).toMatchObject({ code: 'cannot-capture', message: expect.stringMatching(/PDF.*link/) });
  });

  it('turns a failed injection into cannot-capture with what to do', async () => {
    const error = await rejection(captureInTab(1, request, fakeScripting(null, null, new Error('Cannot access contents of the page'))));
    expect(error).toMatchObject({ code: 'cannot-capture', message: expect.stringMatching(/Cannot access.*Reload the page/) });
  });

  it('does not trust what the page returns', async () => {
    const error = await rejection(captureInTab(1, request, fakeScripting('text/html', { kind: 'article', title: 1 })));
    expect(error).toMatchObject({ code: 'cannot-capture' });
  });
});
