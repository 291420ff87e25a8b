import { AppError } from '../errors';
import type { BackgroundService, ServiceContext } from '../app/background-service';
import { ALARMS } from '../app/names';
import type { TEAM_PROTOCOL, TeamPostView, TeamStatus } from '../messaging/protocols/team';
import { teamIds, teamLinkSchema, type TeamLink, type TeamRow } from '../model';
import type { Store } from '../store';
import { TEAM_BY_WORKSPACE_KIND } from '../store/migrations/008-team';
import { createCouch, TeamForbiddenError, type Couch } from './couch';
import { rowDocId, teamPostSchema, teamRowDocSchema } from './documents';
import { teamDocs } from './lease';
import { replicate, type SyncReport } from './replicate';
import { actOnPost } from './review';
import { databaseName, teamWorkspaceIdSchema } from './roles';
import { teamError } from './words';

/**
 * Shared workspaces in the background (issue 23, layer 3): linking a workspace to its database
 * on the team server, one-shot replication on the `team-sync` alarm (every 5 minutes) and when an
 * extension page asks (the side panel asks often while it is open: a long-poll would outlive the
 * service worker), and the review actions on a post. One replication per workspace at a time.
 */
const SYNC_MINUTES = 5;

export interface TeamServiceDeps {
  fetch?: typeof fetch;
  /** Told after a pull changed rows, so the publish alarm follows what the team scheduled. */
  rearmPublish: () => Promise<unknown>;
  timeZone?: () => string;
}

export function createTeamService({ store, now, ports }: ServiceContext, deps: TeamServiceDeps): BackgroundService<keyof typeof TEAM_PROTOCOL> {
  const fetch = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const running = new Map<string, Promise<SyncReport | null>>();

  async function linkOf(opened: Store, workspaceId: string): Promise<{ link: TeamLink; couch: Couch } | null> {
    const [link, secret] = await opened.team.getMany([teamIds.link(workspaceId), teamIds.secret(workspaceId)]);
    if (!link?.ok || link.value.kind !== 'link') return null;
    if (!secret?.ok || secret.value.kind !== 'secret') return null;
    return { link: link.value, couch: createCouch({ url: link.value.url, user: link.value.user, password: secret.value.password, fetch }) };
  }

  function sync(workspaceId: string): Promise<SyncReport | null> {
    const before = running.get(workspaceId) ?? Promise.resolve(null);
    const next = before.catch(() => null).then(() => syncNow(workspaceId));
    running.set(workspaceId, next);
    void next.finally(() => running.get(workspaceId) === next && running.delete(workspaceId)).catch(() => undefined);
    return next;
  }

  async function syncNow(workspaceId: string): Promise<SyncReport | null> {
    const opened = await store;
    const linked = await linkOf(opened, workspaceId);
    if (!linked) return null;
    try {
      const report = await replicate({ store: opened, couch: linked.couch, link: linked.link, now });
      if (report.pulled > 0) await deps.rearmPublish();
      return report;
    } catch (error) {
      const failure = teamError(error, linked.link);
      const current = await opened.team.get(teamIds.link(workspaceId));
      if (current?.ok && current.value.kind === 'link')
        await opened.team.put({ ...current.value, lastError: { code: 'team', message: failure.message, at: now() } });
      throw failure;
    }
  }

  async function status(workspaceId: string): Promise<TeamStatus> {
    const opened = await store;
    const rows = await opened.team.list({ index: TEAM_BY_WORKSPACE_KIND, query: IDBKeyRange.bound([workspaceId, ''], [workspaceId, '\uffff']) });
    const valid = rows.flatMap((row) => (row.ok ? [row.value as TeamRow] : []));
    const link = valid.find((row) => row.kind === 'link');
    const accounts = (await opened.accounts.list({ index: 'by-workspace', query: workspaceId })).flatMap((row) => (row.ok ? [row.value] : []));
    const credentials = await opened.credentials.getMany(accounts.map((account) => account.id));
    const mirrors = new Map(valid.flatMap((row) => (row.kind === 'mirror' ? [[row.docId, row.doc] as const] : [])));
    return {
      workspaceId,
      link: link
        ? {
            url: link.url,
            user: link.user,
            db: link.db,
            roles: link.roles,
            requiresApproval: link.requiresApproval,
            lastSyncedAt: link.lastSyncedAt,
            lastError: link.lastError,
          }
        : null,
      rejected: valid.flatMap((row) => (row.kind === 'rejected' ? [{ docId: row.docId, reason: row.reason, at: row.at }] : [])),
      heldBy: accounts.map((account, at) => ({
        accountId: account.id,
        handle: account.handle,
        network: account.network,
        heldBy: teamRowDocSchema.safeParse(mirrors.get(rowDocId('accounts', account.id))).data?.heldBy ?? null,
        isHere: credentials[at]?.ok === true && account.status === 'connected',
      })),
    };
  }

  async function postView(opened: Store, postId: string): Promise<{ view: TeamPostView; workspaceId: string } | null> {
    const post = await opened.posts.get(postId);
    if (!post?.ok) return null;
    const workspaceId = post.value.workspaceId;
    const [link, mirror] = await opened.team.getMany([teamIds.link(workspaceId), teamIds.mirror(workspaceId, `post:${postId}`)]);
    if (!link?.ok || link.value.kind !== 'link') return null;
    const doc = mirror?.ok && mirror.value.kind === 'mirror' ? teamPostSchema.safeParse(mirror.value.doc) : null;
    const { roles, requiresApproval, user } = link.value;
    const view = doc?.success
      ? { state: doc.data.state, sharedWith: doc.data.sharedWith, review: doc.data.review, comments: doc.data.comments, history: doc.data.history }
      : { state: 'draft' as const, sharedWith: [], review: null, comments: [], history: [] };
    return { view: { ...view, roles, requiresApproval, user }, workspaceId };
  }

  return {
    handlers: {
      'team.status': async ({ workspaceId }) => status(workspaceId),
      'team.link': async ({ mode, workspaceId, name, url, user, password }) => {
        const opened = await store;
        const id = teamWorkspaceIdSchema.safeParse(workspaceId);
        if (!id.success) throw new AppError('team', `“${workspaceId}” cannot name a team database: ${id.error.issues[0]?.message ?? 'not a workspace id'}.`);
        let server: URL;
        try {
          server = new URL(url);
        } catch {
          throw new AppError('team', `“${url}” is not a web address. Give the team server’s address, like https://couch.example.org.`);
        }
        if (server.protocol !== 'https:' && server.protocol !== 'http:')
          throw new AppError('team', 'The team server’s address starts with https:// (or http:// on this computer).');
        const existing = await opened.workspaces.get(workspaceId);
        if (mode === 'share' && !existing) throw new AppError('team', 'This workspace is not in this browser any more.');
        if (!existing) {
          const at = now();
          const timeZone = deps.timeZone?.() ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
          await opened.workspaces.put({ v: 1, id: workspaceId, name: name || workspaceId, timeZone, color: '#3b6ef5', createdAt: at, updatedAt: at });
        }
        const link = teamLinkSchema.parse({
          v: 1,
          kind: 'link',
          id: teamIds.link(workspaceId),
          workspaceId,
          url: server.origin + server.pathname.replace(/\/+$/, ''),
          user,
          db: databaseName(workspaceId),
          replica: `replica-${crypto.randomUUID()}`,
          since: '0',
          roles: [],
          requiresApproval: true,
          lastSyncedAt: null,
          lastError: null,
          createdAt: now(),
        });
        await opened.team.putMany([link, { v: 1, kind: 'secret', id: teamIds.secret(workspaceId), workspaceId, password }]);
        try {
          await sync(workspaceId);
        } catch (error) {
          // A first sync that fails keeps nothing: the member corrects what the words say and links again.
          await opened.team.delete(teamIds.link(workspaceId));
          await opened.team.delete(teamIds.secret(workspaceId));
          throw error;
        }
        return status(workspaceId);
      },
      'team.unlink': async ({ workspaceId }) => {
        const opened = await store;
        const rows = await opened.team.list({ index: TEAM_BY_WORKSPACE_KIND, query: IDBKeyRange.bound([workspaceId, ''], [workspaceId, '\uffff']) });
        for (const row of rows) await opened.team.delete(row.key);
        return {};
      },
      'team.sync': async ({ workspaceId }) => {
        const report = await sync(workspaceId);
        return report && { pulled: report.pulled, pushed: report.pushed, rejected: report.rejected, refused: report.refused };
      },
      'team.post': async ({ postId }) => (await postView(await store, postId))?.view ?? null,
      'team.act': async ({ postId, action, comment }) => {
        const opened = await store;
        const found = await postView(opened, postId);
        if (!found) throw new AppError('team', 'This post is not in a shared workspace.');
        const linked = await linkOf(opened, found.workspaceId);
        if (!linked) throw new AppError('team', 'This workspace is not linked to a team server from this browser. Open Settings → Team.');
        // What was edited here goes first, so the server reviews the words the member sees.
        await sync(found.workspaceId);
        const { user, requiresApproval, db } = linked.link;
        try {
          await actOnPost({ docs: teamDocs(linked.couch, db), user, now, requiresApproval }, postId, action, comment);
        } catch (error) {
          if (error instanceof TeamForbiddenError) {
            await sync(found.workspaceId).catch(() => undefined); // the server's version comes back; the refusal is what to show
            throw new AppError('team', `The team server refused this: ${error.reason} Nothing changed; this is the team’s version.`);
          }
          throw teamError(error, linked.link);
        }
        await sync(found.workspaceId);
        const after = await postView(opened, postId);
        if (!after) throw new AppError('team', 'This post is no longer in a shared workspace.');
        return after.view;
      },
    },
    async onStart() {
      await ports.alarms.repeat(ALARMS.team, SYNC_MINUTES);
    },
    async onAlarm(name) {
      if (name !== ALARMS.team) return;
      const opened = await store;
      const links = (await opened.team.list()).flatMap((row) => (row.ok && row.value.kind === 'link' ? [row.value.workspaceId] : []));
      for (const workspaceId of links) {
        await sync(workspaceId).catch((error: unknown) => console.warn('Cadence: team sync failed', workspaceId, error));
      }
    },
  };
}
