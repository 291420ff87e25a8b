import type { Scripting } from 'webextension-polyfill';
import { z } from 'zod';
import { CAPTURE_KINDS, CAPTURE_REQUEST_KEY, type CaptureRequest } from '../capture/capture-request';
import { AppError, zodMessage } from '../errors';
import { pageCaptureSchema, type PageCapture } from '../model';
import { browser } from './browser';

/** The capture request as the background parses it before leaving it in the page (../capture/capture-request.ts checks it there). */
export const captureRequestSchema = z.object({
  kind: z.enum(CAPTURE_KINDS),
  pageUrl: z.string(),
  selectionText: z.string().optional(),
  srcUrl: z.string().optional(),
  linkUrl: z.string().optional(),
}) satisfies z.ZodType<CaptureRequest>;

type ExecuteScript = Pick<Scripting.Static, 'executeScript'>;

/** Pages no extension may script (browser UI, other extensions, the stores), by URL. */
const RESTRICTED = [
  /^(?:chrome|edge|brave|opera|vivaldi|about|view-source|devtools|chrome-extension|moz-extension|extension|resource):/i,
  /^https:\/\/chromewebstore\.google\.com\//i,
  /^https:\/\/chrome\.google\.com\/webstore/i,
  /^https:\/\/microsoftedge\.microsoft\.com\/addons/i,
  /^https:\/\/addons\.mozilla\.org\//i,
];

const CANNOT = 'Cadence cannot read this tab';

/**
 * Runs the capture script in a tab and returns what it read, validated (a page's script result
 * is untrusted). Two injections into the extension's isolated world: a function that stores the
 * request and reports the document's type, then /capture.js, which reads the request and
 * returns what the page holds (an article's markup not yet cleaned: lib/capture/finish-clip.ts).
 * Throws AppError('cannot-capture') with what the user can do instead.
 */
export async function captureInTab(tabId: number, request: CaptureRequest, scripting: ExecuteScript = browser.scripting): Promise<PageCapture> {
  const checked = captureRequestSchema.parse(request);
  if (RESTRICTED.some((pattern) => pattern.test(checked.pageUrl))) {
    throw new AppError(
      'cannot-capture',
      `${CANNOT}: browser pages, other extensions and add-on stores are off limits. Copy the link and clip it from a web page instead.`,
    );
  }
  let contentType: unknown;
  let result: unknown;
  try {
    [{ result: contentType } = { result: undefined }] = await scripting.executeScript({
      target: { tabId },
      func: (key: unknown, value: unknown) => {
        (globalThis as Record<string, unknown>)[String(key)] = value;
        return document.contentType;
      },
      args: [CAPTURE_REQUEST_KEY, checked],
    });
    if (contentType === 'application/pdf') {
      throw new AppError('cannot-capture', `${CANNOT}: it is a PDF, which Cadence cannot read yet. Clip the link to save it.`);
    }
    [{ result } = { result: undefined }] = await scripting.executeScript({ target: { tabId }, files: ['/capture.js'] });
  } catch (error) {
    if (error instanceof AppError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('cannot-capture', `${CANNOT} (${reason}). Reload the page and try again, or clip the link instead.`);
  }
  const parsed = pageCaptureSchema.safeParse(result);
  if (!parsed.success) {
    throw new AppError(
      'cannot-capture',
      `${CANNOT}: the page returned something that is not a clip (${zodMessage(parsed.error)}). Reload the page and try again.`,
    );
  }
  return parsed.data;
}
