import { z } from 'zod';
import type { Couch } from '@/lib/team/couch';

/**
 * The workspace database's `_changes` feed, read one-shot from the last sequence seen, a page at a
 * time, with the documents. CouchDB 3 gives sequences as opaque strings, pouchdb-server as
 * numbers: both are kept as they come and sent back untouched.
 */
const seqSchema = z.union([z.string(), z.number()]);
const changesSchema = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      seq: seqSchema,
      deleted: z.boolean().optional(),
      doc: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  last_seq: seqSchema,
});
export type Change = z.infer<typeof changesSchema>['results'][number];
export type Seq = z.infer<typeof seqSchema>;

const PAGE = 200;

export async function readChanges(couch: Couch, db: string, since: Seq, onChange: (change: Change) => Promise<void>): Promise<Seq> {
  let at = since;
  for (;;) {
    const query = `since=${encodeURIComponent(String(at))}&include_docs=true&limit=${PAGE}`;
    const page = changesSchema.parse(await couch.request('GET', `${encodeURIComponent(db)}/_changes?${query}`));
    for (const change of page.results) await onChange(change);
    at = page.last_seq;
    if (page.results.length < PAGE) return at;
  }
}
