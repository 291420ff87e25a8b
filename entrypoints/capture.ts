import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractClip } from '@/lib/capture/extract-clip';
import { captureRequestSchema } from '@/lib/capture/extractor';
import { CAPTURE_REQUEST_KEY } from '@/lib/capture/request-key';

// Injected only when the user clips (DESIGN.md §4): not in the manifest, so no page pays for it.
// lib/platform/inject-capture.ts first leaves the request on the isolated world's globalThis,
// then runs this file; what main returns is the executeScript result (WXT unlisted scripts).
export default defineUnlistedScript(() => {
  const scope = globalThis as Record<string, unknown>;
  const request = captureRequestSchema.parse(scope[CAPTURE_REQUEST_KEY]);
  delete scope[CAPTURE_REQUEST_KEY];
  return extractClip(document, request);
});
