import { z } from 'zod';
import { epochMsSchema, idSchema } from './common';

/** One reading of counts at one moment: samples form a time series, never overwritten. */
export const metricSampleSchema = z.object({
  v: z.literal(1),
  id: idSchema,
  accountId: idSchema,
  /** Null for account-level samples (followers). */
  deliveryId: idSchema.nullable(),
  takenAt: epochMsSchema,
  counts: z.record(z.string(), z.number().int().nonnegative()),
});
export type MetricSample = z.infer<typeof metricSampleSchema>;
