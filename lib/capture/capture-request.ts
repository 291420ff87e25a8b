import type { CaptureRequest } from './extractor';
import { CAPTURE_REQUEST_KEY } from './request-key';

export const CAPTURE_KINDS = ['page', 'selection', 'image', 'link'] as const;
const OPTIONAL_TEXT = ['selectionText', 'srcUrl', 'linkUrl'] as const;

/**
 * The request the background left for /capture.js, taken (removed) from the isolated world's
 * globalThis. The background parsed it with captureRequestSchema before leaving it, and only the
 * extension's own scripts share that world, so this checks its shape by hand instead of bundling
 * zod into every clip (~60 KB evaluated in the page each time). tests/unit/capture keeps the two
 * checks in agreement. Throws on anything else: executeScript rejects and the background says why.
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
    CAPTURE_KINDS.includes(record.kind as CaptureRequest['kind']) &&
    typeof record.pageUrl === 'string' &&
    OPTIONAL_TEXT.every((key) => record[key] === undefined || typeof record[key] === 'string')
  );
}
