import { z } from 'zod';
import { postSchema, type Post } from '../model';

/**
 * The documents of a workspace's database. A post is one document, `post:<post id>`, holding its
 * review state, comments, history and its deliveries with their leases, so the server's
 * validate_doc_update sees the post's state when a lease is taken (it sees only the document being
 * written): that is how "only an approved post can be claimed" is held by the server.
 *
 * Every write to a team document is a PUT with the `_rev` it was read at (lease.ts, the
 * set-up); replicas only read. So the server never holds two branches of a post, and a lease
 * cannot be hidden behind a conflicting revision.
 *
 * Read from the server, a document is parsed with these schemas; one that does not parse is
 * flagged, never applied.
 */
export const postStateSchema = z.enum(['draft', 'in_review', 'approved', 'scheduled']);
export type PostState = z.infer<typeof postStateSchema>;

const entry = { by: z.string(), at: z.number() };

export const leaseSchema = z.object({
  holder: z.string(),
  /** One browser profile or runner: a member may hold leases from two machines. */
  replica: z.string(),
  /** New at every claim, so a replica whose answer was lost can tell its own claim when it reads again. */
  token: z.string(),
  until: z.number(),
  attempt: z.number().int().nonnegative(),
});
export type Lease = z.infer<typeof leaseSchema>;

export const teamDeliverySchema = z.object({
  network: z.enum(['bluesky', 'mastodon']),
  accountId: z.string(),
  dueAt: z.number(),
  /** Fixed when the delivery is made and never changed by a publisher (derived-keys.ts). */
  rkey: z.string().nullable(),
  idempotencyKey: z.string(),
  lease: leaseSchema.nullable(),
  sent: z.object({ uri: z.string(), at: z.number(), by: z.string() }).nullable(),
});
export type TeamDelivery = z.infer<typeof teamDeliverySchema>;

export const teamPostSchema = z.object({
  _id: z.string().startsWith('post:'),
  _rev: z.string().optional(),
  type: z.literal('post'),
  state: postStateSchema,
  body: z.record(z.string(), z.unknown()),
  sharedWith: z.array(z.string()),
  review: z.object({ ...entry, verdict: z.enum(['approved', 'changes_requested']), comment: z.string() }).nullable(),
  comments: z.array(z.object({ ...entry, text: z.string() })),
  history: z.array(z.object({ ...entry, action: z.string() })),
  deliveries: z.record(z.string(), teamDeliverySchema),
});
export type TeamPost = z.infer<typeof teamPostSchema>;

export function postDocId(postId: string): string {
  return `post:${postId}`;
}

/**
 * The other replicated rows of a workspace (issue 23, layer 3): accounts (never their
 * credentials), clips, saved replies and inbox states, one document each, `row:<store>:<key>`.
 * `row` is the extension's own row of that store, parsed on arrival with the store's schema;
 * `heldBy` (accounts only) names the member whose browser holds the account's sign-in, so the
 * others know who publishes it. The server's validate_doc_update lets an owner or an editor write
 * these (`type: 'row'`). Added after layer 2; nothing in the post document changed.
 */
export const REPLICATED_ROW_STORES = ['accounts', 'clips', 'savedReplies', 'inbox'] as const;
export type ReplicatedRowStore = (typeof REPLICATED_ROW_STORES)[number];

export const teamRowDocSchema = z.object({
  _id: z.string().startsWith('row:'),
  _rev: z.string().optional(),
  type: z.literal('row'),
  store: z.enum(REPLICATED_ROW_STORES),
  row: z.record(z.string(), z.unknown()),
  heldBy: z.string().nullable().optional(),
});
export type TeamRowDoc = z.infer<typeof teamRowDocSchema>;

export function rowDocId(store: ReplicatedRowStore, key: string): string {
  return `row:${store}:${key}`;
}

/**
 * A post document's `body` is the extension's post row (lib/model/post.ts) without its `id` and
 * `workspaceId`: the id is the document's (`post:<id>`), the workspace the database's. This is the
 * one mapping both sides use: the extension's replicator writes it (postBody) and reads it
 * (postOfDoc), and so does the runner; before, the runner parsed the body as a whole post row and
 * refused every post the replicator wrote ("id: Required").
 */
export function postBody(post: Post): Record<string, unknown> {
  const { id: _id, workspaceId: _workspaceId, ...body } = post;
  return body;
}

/** The post row a post document stands for in `workspaceId`, parsed with the store's schema. */
export function postOfDoc(doc: Pick<TeamPost, '_id' | 'body'>, workspaceId: string) {
  return postSchema.safeParse({ ...doc.body, id: doc._id.slice('post:'.length), workspaceId });
}

/** The workspace a team database replicates (`cadence-<workspace id>`, roles.ts). */
export function workspaceOfDb(db: string): string {
  return db.startsWith('cadence-') ? db.slice('cadence-'.length) : db;
}
