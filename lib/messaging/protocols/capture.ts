import { z } from 'zod';
import type { MessageSpec } from '../spec';

/** Capture started from Cadence's own pages. Merged into PROTOCOL (../protocol.ts). */
export const CAPTURE_PROTOCOL = {
  /**
   * "Clip this page" in the Queue: clips the active tab of the last focused browser window. The
   * answer says what was filed, and why it is only a link when the page could not be read.
   */
  'capture.activeTab': {
    from: ['extension'],
    input: z.object({}),
    output: z.object({ clipId: z.string(), merged: z.boolean(), title: z.string(), kind: z.string(), warning: z.string().nullable() }),
  },
} as const satisfies Record<string, MessageSpec>;
