import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { extractClip } from '@/lib/capture/extract-clip';
import { takeCaptureRequest } from '@/lib/capture/capture-request';

// Injected only when the user clips (docs/architecture.md, decision 4): not in the manifest, so no page pays for it.
// lib/platform/inject-capture.ts first leaves the request on the isolated world's globalThis,
// then runs this file; what main returns is the executeScript result (WXT unlisted scripts).
// Everything imported here is evaluated in the page on every clip: keep zod and lib/errors out.
export default defineUnlistedScript(() => extractClip(document, takeCaptureRequest(globalThis as Record<string, unknown>)));
