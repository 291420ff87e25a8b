import { z } from 'zod';
import { idSchema } from './common';

/**
 * The search index row of one clip, derived from it and written in the same transaction as the
 * clip (lib/store/collection.ts). `terms` holds lowercased, accent-folded words and facet terms;
 * the store indexes them with a multiEntry `by-term` index.
 */
export const clipTermsSchema = z.object({
  id: idSchema,
  terms: z.array(z.string()),
});
export type ClipTerms = z.infer<typeof clipTermsSchema>;
