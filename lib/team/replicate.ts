import { ConflictError, TeamForbiddenError, type Couch, type CouchDoc } from './couch';
import { hasWords } from '../compose/drafts';
import { deliveryKeys } from './derived-keys';
import { REPLICATED_ROW_STORES, postDocId, rowDocId, teamPostSchema, teamRowDocSchema, type ReplicatedRowStore } from './documents';
import { incomingRows, outgoingPost, outgoingRow, postDiffers, rowDiffers } from './map-docs';
import { readTeamRules } from './rules';
import { teamIds, type Delivery, type Post, type TeamLink, type TeamMirror } from '../model';
import type { Store, StoreName } from '../store';
import { TEAM_BY_WORKSPACE_KIND } from '../store/migrations/008-team';

/**
 * One replication of a shared workspace with its database on the team server (issue 23): pull,
 * push, and pull again what the push changed. A small replicator on CouchDB's HTTP API rather
 * than PouchDB (see docs/architecture.md, "Teams"): IndexedDB stays the one source the views
 * read, and nothing from the server reaches it except through the store's schemas (map-docs.ts).
 *
 * Invariants:
 * - pull reads `_changes` from the checkpoint kept in the link, with the documents; each is
 *   applied (rows and its mirror in one transaction) or rejected whole (listed, never applied),
 *   then the checkpoint moves;
 * - a local row changed since its mirror is not overwritten by a pull: the push writes it over
 *   the server's newer version (local edits win on what an editor writes; the server's fields,
 *   state, review, comments, history, leases and sent, always come from the server);
 * - every push is a PUT with the mirror's `_rev`; a 409 pulls and tries again;
 * - a write the server refuses (403) puts the local rows back to the server's version, and the
 *   refusal is kept in the sync report in the server's words: nothing the server holds is lost.
 */
export interface ReplicateDeps {
  store: Store;
  couch: Couch;
  link: TeamLink;
  now: () => number;
}

export interface SyncReport {
  pulled: number;
  pushed: number;
  rejected: number;
  refused: { docId: string; reason: string }[];
  link: TeamLink;
}

const PAGE = 200;
const MAX_PUSH_ATTEMPTS = 4;

interface ChangesAnswer {
  results: { id: string; seq: string | number; deleted?: boolean; doc?: unknown }[];
  last_seq: string | number;
}

export async function replicate(deps: ReplicateDeps): Promise<SyncReport> {
  const { store, couch, now } = deps;
  let link = deps.link;
  const rules = await readTeamRules(couch, link.db, link.user);
  link = { ...link, ...rules };
  const report: SyncReport = { pulled: 0, pushed: 0, rejected: 0, refused: [], link };
  const pull = async () => {
    link = await pullChanges({ ...deps, link }, report);
  };
  await pull();
  await pushAll({ ...deps, link }, report, pull);
  await pull();
  link = { ...link, lastSyncedAt: now(), lastError: report.refused.length ? { code: 'refused', message: report.refused[0]!.reason, at: now() } : null };
  await store.team.put(link);
  report.link = link;
  return report;
}

async function pullChanges({ store, couch, link, now }: ReplicateDeps, report: SyncReport): Promise<TeamLink> {
  let since = link.since;
  for (;;) {
    const answer = (await couch.request(
      'GET',
      `${encodeURIComponent(link.db)}/_changes?include_docs=true&style=main_only&limit=${PAGE}&since=${encodeURIComponent(since)}`,
    )) as ChangesAnswer;
    for (const change of answer.results) {
      if (change.id.startsWith('_design/')) continue;
      if (change.deleted) await applyDeletion(store, link.workspaceId, change.id);
      else if (await applyIncoming(store, link, change.doc, now)) report.pulled++;
      else report.rejected++;
    }
    const next = String(answer.last_seq);
    if (next !== since) {
      since = next;
      link = { ...link, since };
      await store.team.put(link);
    }
    if (answer.results.length < PAGE) return link;
  }
}

/** Applies one document, or lists it as rejected. True when applied. `force`: over a local edit too (a refused write going back). */
async function applyIncoming(store: Store, link: TeamLink, raw: unknown, now: () => number, force = false): Promise<boolean> {
  const ws = link.workspaceId;
  const docId = typeof raw === 'object' && raw && '_id' in raw ? String((raw as CouchDoc)._id) : '(no id)';
  const rev = typeof raw === 'object' && raw && '_rev' in raw ? String((raw as CouchDoc)._rev) : '';
  const mirrorId = teamIds.mirror(ws, docId);
  const postId = docId.startsWith('post:') ? docId.slice(5) : null;
  const localDeliveries = postId ? await deliveriesOf(store, postId) : [];
  const clip = docId.startsWith('row:clips:') ? await store.clips.get(docId.slice('row:clips:'.length)) : undefined;
  const incoming = incomingRows(raw, ws, {
    deliveries: (id) => localDeliveries.find((d) => d.id === id),
    clipWorkspaces: () => (clip?.ok ? clip.value.workspaceIds : []),
  });
  if (incoming.kind === 'rejected') {
    await store.team.put({ v: 1, kind: 'rejected', id: teamIds.rejected(ws, docId), workspaceId: ws, docId, rev, reason: incoming.reason, at: now() });
    return false;
  }
  const mirrorRow = await store.team.get(mirrorId);
  const mirror = mirrorRow?.ok && mirrorRow.value.kind === 'mirror' ? mirrorRow.value : null;
  const mirrored: TeamMirror = { v: 1, kind: 'mirror', id: mirrorId, workspaceId: ws, docId, rev, doc: raw as Record<string, unknown> };
  if (incoming.kind === 'post') {
    const here = await store.posts.get(incoming.post.id);
    const isDirty = !force && here?.ok && mirror ? postDiffers(here.value, localDeliveries, teamPostSchema.parse(mirror.doc)) : false;
    const batch = store.batch(['posts', 'deliveries', 'team']);
    if (!isDirty) {
      await batch.put('posts', incoming.post, here?.ok ? here.value : undefined);
      for (const delivery of incoming.deliveries)
        await batch.put(
          'deliveries',
          delivery,
          localDeliveries.find((d) => d.id === delivery.id),
        );
      const kept = new Set(incoming.deliveries.map((d) => d.id));
      for (const gone of localDeliveries)
        if (!kept.has(gone.id) && gone.state !== 'published' && gone.state !== 'deleted') await batch.delete('deliveries', gone.id, gone);
    }
    await batch.put('team', mirrored, mirror);
    await batch.delete('team', teamIds.rejected(ws, docId), undefined);
    await batch.commit();
    return true;
  }
  const name: StoreName = incoming.store;
  const existing = (await store[name].get(incoming.key)) as { ok: boolean; value?: unknown } | undefined;
  const hereRow = existing?.ok ? (existing.value as Record<string, unknown>) : undefined;
  const baseRow = mirror ? (teamRowDocSchema.safeParse(mirror.doc).data?.row ?? null) : null;
  const isDirty = !force && hereRow && baseRow ? rowDiffers(incoming.store, hereRow, baseRow, ws) : false;
  const row = incoming.store === 'accounts' ? await accountHere(store, incoming.row, incoming.doc.heldBy ?? null) : incoming.row;
  const batch = store.batch([name, 'team']);
  if (!isDirty) await batch.put(name, row, hereRow);
  await batch.put('team', mirrored, mirror);
  await batch.delete('team', teamIds.rejected(ws, docId), undefined);
  await batch.commit();
  return true;
}

/** An account as this browser has it: connected only where its sign-in is (credentials never replicate). */
async function accountHere(store: Store, row: Record<string, unknown>, heldBy: string | null): Promise<Record<string, unknown>> {
  const credential = await store.credentials.get(String(row.id));
  if (credential?.ok) return row;
  const statusReason = heldBy
    ? `${heldBy}’s browser holds this account and publishes it.`
    : 'No browser of the team holds this account yet: connect it here to publish it.';
  return { ...row, status: 'disconnected', statusReason };
}

async function applyDeletion(store: Store, ws: string, docId: string): Promise<void> {
  const mirrorId = teamIds.mirror(ws, docId);
  const batch = store.batch(['posts', 'deliveries', 'team', ...REPLICATED_ROW_STORES]);
  if (docId.startsWith('post:')) {
    const postId = docId.slice(5);
    const post = await batch.tx.objectStore('posts').get(postId);
    if (post !== undefined) await batch.delete('posts', postId, post);
    for (const delivery of await deliveriesOf(store, postId))
      if (delivery.state !== 'published' && delivery.state !== 'deleted') await batch.delete('deliveries', delivery.id, delivery);
  } else {
    const [, name, ...rest] = docId.split(':');
    const key = rest.join(':');
    if (REPLICATED_ROW_STORES.includes(name as ReplicatedRowStore) && name !== 'accounts') {
      const before = await batch.tx.objectStore(name as StoreName).get(key);
      if (before !== undefined) await batch.delete(name as StoreName, key, before);
    }
  }
  await batch.delete('team', mirrorId, undefined);
  await batch.commit();
}

async function deliveriesOf(store: Store, postId: string): Promise<Delivery[]> {
  return (await store.deliveries.list({ index: 'by-post', query: postId })).flatMap((row) => (row.ok ? [row.value] : []));
}

async function mirrorsOf(store: Store, ws: string): Promise<Map<string, TeamMirror>> {
  const rows = await store.team.list({ index: TEAM_BY_WORKSPACE_KIND, query: [ws, 'mirror'] });
  return new Map(rows.flatMap((row) => (row.ok && row.value.kind === 'mirror' ? [[row.value.docId, row.value] as const] : [])));
}

/** What to write for one document, computed again from the local rows and the latest mirror at every attempt. */
type Outgoing = { docId: string; doc: CouchDoc | null; revert: () => Promise<void> };

async function pushAll(deps: ReplicateDeps, report: SyncReport, pull: () => Promise<void>): Promise<void> {
  const { store, link } = deps;
  const ws = link.workspaceId;
  const posts = (await store.posts.list({ index: 'by-workspace-updatedAt', query: IDBKeyRange.bound([ws, -Infinity], [ws, Infinity]) })).flatMap((row) =>
    row.ok ? [row.value] : [],
  );
  const ids = new Set<string>(posts.map((post) => postDocId(post.id)));
  for (const post of posts) await pushOne(deps, report, pull, postDocId(post.id));
  for (const name of REPLICATED_ROW_STORES) {
    for (const key of await rowKeys(store, name, ws)) {
      ids.add(rowDocId(name, key));
      await pushOne(deps, report, pull, rowDocId(name, key));
    }
  }
  // A mirror whose row is gone here: deleted here, so deleted on the server (an owner's right).
  for (const docId of (await mirrorsOf(store, ws)).keys()) if (!ids.has(docId)) await pushOne(deps, report, pull, docId);
}

async function rowKeys(store: Store, name: ReplicatedRowStore, ws: string): Promise<string[]> {
  if (name === 'clips') return (await store.clips.list({ index: 'by-workspace', query: ws })).map((row) => row.key);
  if (name === 'inbox') return (await store.inbox.list()).flatMap((row) => (row.ok && row.value.workspaceId === ws ? [row.key] : []));
  if (name === 'accounts') {
    // Only the accounts this browser holds (their sign-in is here) are written by it.
    const accounts = (await store.accounts.list({ index: 'by-workspace', query: ws })).flatMap((row) =>
      row.ok && row.value.status === 'connected' ? [row.value] : [],
    );
    const held = await store.credentials.getMany(accounts.map((account) => account.id));
    return accounts.filter((_, at) => held[at]?.ok).map((account) => account.id);
  }
  return (await store[name].list({ index: 'by-workspace', query: ws })).map((row) => row.key);
}

async function pushOne(deps: ReplicateDeps, report: SyncReport, pull: () => Promise<void>, docId: string): Promise<void> {
  for (let attempt = 0; attempt < MAX_PUSH_ATTEMPTS; attempt++) {
    const outgoing = await outgoingFor(deps, docId);
    if (!outgoing.doc) return;
    try {
      const rev = await deps.couch.put(deps.link.db, outgoing.doc);
      const written: CouchDoc = { ...outgoing.doc, _rev: rev };
      if (written._deleted) await deps.store.team.delete(teamIds.mirror(deps.link.workspaceId, docId));
      else
        await deps.store.team.put({
          v: 1,
          kind: 'mirror',
          id: teamIds.mirror(deps.link.workspaceId, docId),
          workspaceId: deps.link.workspaceId,
          docId,
          rev,
          doc: written,
        });
      report.pushed++;
      return;
    } catch (error) {
      if (error instanceof ConflictError) {
        await pull();
        continue;
      }
      if (error instanceof TeamForbiddenError) {
        await outgoing.revert();
        report.refused.push({ docId, reason: error.reason });
        return;
      }
      throw error;
    }
  }
  report.refused.push({ docId, reason: 'It kept changing on the server while Cadence wrote it; it is written at the next sync.' });
}

async function outgoingFor({ store, link, now }: ReplicateDeps, docId: string): Promise<Outgoing> {
  const ws = link.workspaceId;
  const mirrorRow = await store.team.get(teamIds.mirror(ws, docId));
  const mirror = mirrorRow?.ok && mirrorRow.value.kind === 'mirror' ? mirrorRow.value : null;
  const none: Outgoing = { docId, doc: null, revert: async () => undefined };
  const revert = async () => {
    // The server's version comes back: applied from the mirror as if just pulled.
    if (mirror) await applyIncoming(store, link, mirror.doc, now, true);
  };
  if (docId.startsWith('post:')) {
    const postId = docId.slice(5);
    const here = await store.posts.get(postId);
    if (!here) return mirror ? { docId, doc: { _id: docId, _rev: mirror.rev, _deleted: true }, revert } : none;
    if (!here.ok) return none;
    const post: Post = here.value;
    const deliveries = await withDerivedKeys(store, post, await deliveriesOf(store, postId));
    const base = mirror ? teamPostSchema.safeParse(mirror.doc) : null;
    if (base && !base.success) return none;
    // A blank draft the composer opened is nobody's business yet: it goes to the team once it says something.
    if (!base && deliveries.length === 0 && !hasWords(post)) return none;
    if (base?.success && !postDiffers(post, deliveries, base.data)) return none;
    const doc = outgoingPost(post, deliveries, base?.success ? base.data : null, link.user, now());
    return { docId, doc: { ...doc, ...(mirror ? { _rev: mirror.rev } : {}) } as CouchDoc, revert };
  }
  const [, name, ...rest] = docId.split(':') as [string, ReplicatedRowStore, ...string[]];
  const key = rest.join(':');
  if (!REPLICATED_ROW_STORES.includes(name)) return none;
  const here = (await store[name].get(key)) as { ok: boolean; value?: unknown } | undefined;
  if (!here) return mirror && name !== 'accounts' ? { docId, doc: { _id: docId, _rev: mirror.rev, _deleted: true }, revert } : none;
  if (!here.ok) return none;
  const row = here.value as Record<string, unknown>;
  const base = mirror ? teamRowDocSchema.safeParse(mirror.doc) : null;
  if (base && !base.success) return none;
  if (base?.success && !rowDiffers(name, row, base.data.row, ws) && (name !== 'accounts' || base.data.heldBy)) return none;
  const heldBy = name === 'accounts' ? (base?.success && base.data.heldBy ? base.data.heldBy : link.user) : undefined;
  const doc: CouchDoc = {
    ...(base?.success ? base.data : {}),
    _id: docId,
    ...(mirror ? { _rev: mirror.rev } : {}),
    type: 'row',
    store: name,
    row: outgoingRow(name, row, ws),
    ...(heldBy ? { heldBy } : {}),
  };
  return { docId, doc, revert };
}

/**
 * A Bluesky delivery of a shared workspace gets its record key from the delivery itself
 * (derived-keys.ts) before it first goes to the server, so every replica that ever publishes it
 * sends the same rkey (a split brain still makes one post). Written here too, so the row and the
 * document agree.
 */
async function withDerivedKeys(store: Store, post: Post, deliveries: Delivery[]): Promise<Delivery[]> {
  const keyed: Delivery[] = [];
  for (const delivery of deliveries) {
    if (delivery.network !== 'bluesky' || delivery.rkey !== null || SENT.has(delivery.state)) {
      keyed.push(delivery);
      continue;
    }
    const { rkey } = deliveryKeys(delivery.id, post.createdAt);
    keyed.push((await store.deliveries.update(delivery.id, (current) => current && (current.rkey === null ? { ...current, rkey } : current))) ?? delivery);
  }
  return keyed;
}

const SENT = new Set<Delivery['state']>(['published', 'deleted', 'publishing']);
