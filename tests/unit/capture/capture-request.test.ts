import { describe, expect, it } from 'vitest';
import { CAPTURE_REQUEST_KEY, isCaptureRequest, takeCaptureRequest } from '@/lib/capture/capture-request';
import { captureRequestSchema } from '@/lib/platform/inject-capture';

// The page-side check stands in for captureRequestSchema inside /capture.js (no zod there): the two must agree.
const EXAMPLES: unknown[] = [
  { kind: 'page', pageUrl: 'https://example.com/' },
  { kind: 'selection', pageUrl: 'https://example.com/', selectionText: 'quote' },
  { kind: 'image', pageUrl: 'https://example.com/', srcUrl: 'https://example.com/a.png' },
  { kind: 'link', pageUrl: 'https://example.com/', linkUrl: 'https://example.com/b' },
  { kind: 'page', pageUrl: 'https://example.com/', linkUrl: undefined },
  { kind: 'video', pageUrl: 'https://example.com/' },
  { kind: 'page' },
  { kind: 'page', pageUrl: 42 },
  { kind: 'page', pageUrl: 'https://example.com/', selectionText: 7 },
  { kind: 'image', pageUrl: 'https://example.com/', srcUrl: null },
  'page',
  null,
  undefined,
  [],
];

describe('takeCaptureRequest', () => {
  it.each(EXAMPLES.map((example) => [JSON.stringify(example) ?? 'undefined', example]))('agrees with captureRequestSchema on %s', (_, example) => {
    expect(isCaptureRequest(example)).toBe(captureRequestSchema.safeParse(example).success);
  });

  it('takes the request off the scope, so a later injection cannot reuse it', () => {
    const scope: Record<string, unknown> = { [CAPTURE_REQUEST_KEY]: { kind: 'page', pageUrl: 'https://example.com/' } };
    expect(takeCaptureRequest(scope)).toEqual({ kind: 'page', pageUrl: 'https://example.com/' });
    expect(CAPTURE_REQUEST_KEY in scope).toBe(false);
    expect(() => takeCaptureRequest(scope)).toThrow(/no valid capture request/);
  });
});
