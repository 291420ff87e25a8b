import { z } from 'zod';
import { epochMsSchema, idSchema } from './common';

/**
 * The search index row of one clip, derived from it and written in the same transaction as the
 * clip (lib/store/collection.ts). Its terms are lowercased, accent-folded words and facet terms,
 * each paired with the clip's capturedAt: the multiEntry `by-term-capturedAt` index (migration 004)
 * then lists every term's clips in capture order, so a search reads the newest matches by key
 * range without reading rows (lib/store/search/term-index.ts).
 */
export const clipTermsSchema = z.object({
  id: idSchema,
  capturedAt: epochMsSchema,
  termsAt: z.array(z.tuple([z.string(), epochMsSchema])),
});
export type ClipTerms = z.infer<typeof clipTermsSchema>;
