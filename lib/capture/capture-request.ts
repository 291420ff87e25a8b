/**
 * The capture request, in one module without zod: what the user asked to clip, as the background
 * hands it to the page, and the page-side check of it. /capture.js bundles this file, so it must
 * stay free of zod (~60 KB evaluated in the page each time). The background parses the same
 * request with captureRequestSchema (lib/platform/inject-capture.ts) before it leaves it;
 * tests/unit/capture/capture-request.test.ts keeps the two checks in agreement.
 */

export const CAPTURE_KINDS = ['page', 'selection', 'image', 'link'] as const;
export type CaptureKind = (typeof CAPTURE_KINDS)[number];

export interface CaptureRequest {
  kind: CaptureKind;
  pageUrl: string;
  selectionText?: string;
  srcUrl?: string;
  linkUrl?: string;
}

/**
 * Where the background leaves the capture request in the page's isolated world before it injects
 * /capture.js (scripting.executeScript cannot pass arguments to a file, only to a function).
 */
export const CAPTURE_REQUEST_KEY = '__cadenceCaptureRequest';

const OPTIONAL_TEXT = ['selectionText', 'srcUrl', 'linkUrl'] as const;

/**
 * The request the background left for /capture.js, taken (removed) from the isolated world's
 * globalThis. Only the extension's own scripts share that world, so its shape is checked by hand.
 * Throws on anything else: executeScript rejects and the background says why.
 */
export function takeCaptureRequest(scope: Record<string, unknown>): CaptureRequest {
  const value = scope[CAPTURE_REQUEST_KEY];
  delete scope[CAPTURE_REQUEST_KEY];
  if (!isCaptureRequest(value)) throw new TypeError('Cadence: no valid capture request was left for this script.');
  return value;
}

export function isCaptureRequest(value: unknown): value is CaptureRequest {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    CAPTURE_KINDS.includes(record.kind as CaptureKind) &&
    typeof record.pageUrl === 'string' &&
    OPTIONAL_TEXT.every((key) => record[key] === undefined || typeof record[key] === 'string')
  );
}
