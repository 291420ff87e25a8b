import { z } from 'zod';
import { zodMessage } from '../errors';
import { accountSchema, clipSchema, deliverySchema, inboxItemSchema, savedReplySchema, type Delivery, type Post } from '../model';
import { postBody, postOfDoc, teamPostSchema, teamRowDocSchema, type ReplicatedRowStore, type TeamDelivery, type TeamPost, type TeamRowDoc } from './documents';

/**
 * Documents ↔ rows, both ways through the store's own schemas (issue 23). Invariants:
 * - an incoming document becomes rows only if the document parses with lib/team/documents.ts and
 *   every row it maps to parses with the schema its store uses; otherwise it is rejected whole,
 *   with why, and nothing of it is applied;
 * - an incoming row always lands in the workspace it replicates to, whatever workspace id the
 *   document names (a hostile document cannot write into another workspace);
 * - a delivery that went out here (published or deleted) is never put back by the server: what
 *   was sent is never lost;
 * - fields only the server moves (state, review, comments, history, leases, sent) are never
 *   written by a push; a push writes the body and the deliveries' plans.
 */
export const ROW_SCHEMAS = { accounts: accountSchema, clips: clipSchema, savedReplies: savedReplySchema, inbox: inboxItemSchema } as const;

const TEAM_NETWORKS = ['bluesky', 'mastodon'] as const;
const SENT_HERE = new Set<Delivery['state']>(['published', 'deleted']);
/** States the local publisher moves on its own: a pull that says "scheduled" keeps them. */
const PUBLISHER_STATES = new Set<Delivery['state']>(['publishing', 'retrying', 'failed', 'held', 'awaiting-confirmation']);

export type Incoming =
  | { kind: 'post'; doc: TeamPost; post: Post; deliveries: Delivery[] }
  | { kind: 'row'; doc: TeamRowDoc; store: ReplicatedRowStore; key: string; row: Record<string, unknown> }
  | { kind: 'rejected'; reason: string };

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T | string {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : `${what}: ${zodMessage(parsed.error)}`;
}

/** The rows `raw` stands for in `workspaceId`, given the local rows it would replace. */
export function incomingRows(
  raw: unknown,
  workspaceId: string,
  local: { deliveries: (id: string) => Delivery | undefined; clipWorkspaces: (id: string) => string[] },
): Incoming {
  const type = typeof raw === 'object' && raw && 'type' in raw ? (raw as { type: unknown }).type : undefined;
  if (type === 'post') {
    const doc = parse(teamPostSchema, raw, 'not a post document');
    if (typeof doc === 'string') return { kind: 'rejected', reason: doc };
    const postId = doc._id.slice('post:'.length);
    const read = postOfDoc(doc, workspaceId);
    const post = read.success ? read.data : `its post does not read as a Cadence post: ${zodMessage(read.error)}`;
    if (typeof post === 'string') return { kind: 'rejected', reason: post };
    const deliveries: Delivery[] = [];
    for (const [id, planned] of Object.entries(doc.deliveries)) {
      const row = parse(
        deliverySchema,
        deliveryRow(id, postId, workspaceId, doc, planned, local.deliveries(id), post.updatedAt),
        `delivery ${id} does not read`,
      );
      if (typeof row === 'string') return { kind: 'rejected', reason: row };
      deliveries.push(row);
    }
    return { kind: 'post', doc, post, deliveries };
  }
  if (type === 'row') {
    const doc = parse(teamRowDocSchema, raw, 'not a row document');
    if (typeof doc === 'string') return { kind: 'rejected', reason: doc };
    const key = doc._id.slice(`row:${doc.store}:`.length);
    if (!doc._id.startsWith(`row:${doc.store}:`) || !key) return { kind: 'rejected', reason: `its id ${doc._id} does not name its store ${doc.store}` };
    const placed =
      doc.store === 'clips'
        ? { ...doc.row, id: key, workspaceIds: [...new Set([...local.clipWorkspaces(key), workspaceId])] }
        : { ...doc.row, id: key, workspaceId };
    const row = parse(ROW_SCHEMAS[doc.store] as z.ZodType<Record<string, unknown>>, placed, `its ${doc.store} row does not read`);
    if (typeof row === 'string') return { kind: 'rejected', reason: row };
    return { kind: 'row', doc, store: doc.store, key, row };
  }
  return { kind: 'rejected', reason: 'a document of a type Cadence does not know' };
}

function deliveryRow(id: string, postId: string, workspaceId: string, doc: TeamPost, planned: TeamDelivery, here: Delivery | undefined, at: number): unknown {
  if (here && SENT_HERE.has(here.state)) return here;
  const isScheduled = doc.state === 'scheduled';
  const state: Delivery['state'] = planned.sent ? 'published' : isScheduled ? (here && PUBLISHER_STATES.has(here.state) ? here.state : 'scheduled') : 'draft';
  return {
    v: 1,
    attempt: 0,
    nextAttemptAt: null,
    lease: null,
    parts: [],
    sent: null,
    lastError: null,
    ...here,
    id,
    postId,
    workspaceId,
    network: planned.network,
    accountId: planned.accountId,
    method: 'api',
    state,
    dueAt: planned.dueAt === 0 ? null : planned.dueAt,
    rkey: planned.rkey,
    idempotencyKey: planned.idempotencyKey,
    remote: planned.sent ? { id: planned.sent.uri, url: planned.sent.uri, cid: null } : (here?.remote ?? null),
    publishedAt: planned.sent ? planned.sent.at : (here?.publishedAt ?? null),
    updatedAt: here?.updatedAt ?? at,
  };
}

/** The plan of a local delivery as a post document carries it; null for a network the team documents do not carry (reminders). */
export function plannedDelivery(delivery: Delivery, before: TeamDelivery | undefined): TeamDelivery | null {
  const network = TEAM_NETWORKS.find((name) => name === delivery.network);
  if (!network) return null;
  return {
    network,
    accountId: delivery.accountId,
    dueAt: delivery.dueAt ?? 0,
    rkey: delivery.rkey,
    idempotencyKey: delivery.idempotencyKey,
    lease: before?.lease ?? null,
    sent: before?.sent ?? null,
  };
}

/** The post document to write for the local rows: over `base` (the server's, as last read) or new. */
export function outgoingPost(post: Post, deliveries: Delivery[], base: TeamPost | null, by: string, at: number): TeamPost {
  const planned: Record<string, TeamDelivery> = {};
  for (const delivery of deliveries) {
    const plan = plannedDelivery(delivery, base?.deliveries[delivery.id]);
    if (plan) planned[delivery.id] = plan;
  }
  // A delivery the server holds a lease or a sent record for stays, whatever was deleted here.
  for (const [id, kept] of Object.entries(base?.deliveries ?? {})) if (!planned[id] && (kept.lease || kept.sent)) planned[id] = kept;
  const body = postBody(post);
  if (!base) {
    return {
      _id: `post:${post.id}`,
      type: 'post',
      state: 'draft',
      body,
      sharedWith: [],
      review: null,
      comments: [],
      history: [{ by, at, action: 'created' }],
      deliveries: planned,
    };
  }
  return { ...base, body, deliveries: planned, history: [...base.history, { by, at, action: 'edited' }] };
}

/** Whether the local rows say something the server's post document does not (so a push is due). */
export function postDiffers(post: Post, deliveries: Delivery[], base: TeamPost): boolean {
  const body = postBody(post);
  if (!sameJson(body, base.body)) return true;
  const plans = Object.fromEntries(
    deliveries.flatMap((d) => (plannedDelivery(d, base.deliveries[d.id]) ? [[d.id, plannedDelivery(d, base.deliveries[d.id])]] : [])),
  );
  const server = Object.fromEntries(Object.entries(base.deliveries).filter(([id, d]) => plans[id] || !(d.lease || d.sent)));
  return !sameJson(plans, server);
}

/** A row as another member should see it: a clip names only this workspace, an account's status is each browser's own. */
export function outgoingRow(store: ReplicatedRowStore, row: Record<string, unknown>, workspaceId: string): Record<string, unknown> {
  if (store === 'clips') return { ...row, workspaceIds: [workspaceId] };
  if (store === 'accounts') return { ...row, status: 'connected', statusReason: null };
  return row;
}

/** Compares the parts of a row that replicate (each browser keeps its own account status). */
export function rowDiffers(store: ReplicatedRowStore, row: Record<string, unknown>, base: Record<string, unknown>, workspaceId: string): boolean {
  return !sameJson(outgoingRow(store, row, workspaceId), outgoingRow(store, base, workspaceId));
}

/** JSON equality with keys in any order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
