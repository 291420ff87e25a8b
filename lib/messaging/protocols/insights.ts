import { z } from 'zod';
import type { MessageSpec } from '../spec';

/** Metrics collection and reports. Merged into PROTOCOL (../protocol.ts). */
export const INSIGHTS_PROTOCOL = {
  /** Takes every metric reading that is due now (the Insights "Refresh numbers" button). */
  'insights.collect': {
    from: ['extension'],
    input: z.object({}),
    output: z.object({
      sampled: z.number().int().nonnegative(),
      followerReadings: z.number().int().nonnegative(),
      failures: z.array(z.object({ accountId: z.string(), message: z.string() })),
      nextAt: z.number().nullable(),
    }),
  },
} as const satisfies Record<string, MessageSpec>;
