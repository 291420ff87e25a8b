import type { z } from 'zod';

/**
 * The checks every version of the backup file makes across its rows: ids are unique per store, and
 * every workspace, account, post and stream a row points at is in the same file. One function for
 * every version, so an older file is held to the same rules as a new one.
 */
type Row = Record<string, unknown>;
export interface CheckedFile {
  includesCredentials: boolean;
  data: Record<string, Row[] | undefined>;
  media?: { images: Row[]; templates: Row[] };
}

/** The key of each store's rows (IndexedDB key paths; the media database's too). */
export const KEY_OF: Record<string, string> = { credentials: 'accountId', images: 'key' };
export const keyOf = (store: string, row: unknown) => String((row as Row)[KEY_OF[store] ?? 'id']);

/** Rows that name one workspace in `workspaceId`. */
const IN_A_WORKSPACE = ['accounts', 'posts', 'deliveries', 'inbox', 'streams', 'streamResults', 'savedReplies', 'feeds'];

export function checkReferences(file: CheckedFile, ctx: z.RefinementCtx): void {
  const { data } = file;
  const sections: [path: string[], store: string, rows: Row[]][] = [
    ...Object.entries(data).map(([store, rows]) => [['data', store], store, rows ?? []] as [string[], string, Row[]]),
    ...(file.media
      ? ([
          [['media', 'images'], 'images', file.media.images],
          [['media', 'templates'], 'templates', file.media.templates],
        ] as [string[], string, Row[]][])
      : []),
  ];
  for (const [path, store, rows] of sections) {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const key = keyOf(store, row);
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [...path, index], message: `duplicate id ${key}` });
      seen.add(key);
    });
  }
  if (file.includesCredentials !== (data.credentials !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['includesCredentials'], message: 'does not match whether the file holds credentials' });
  }
  const ids = (store: string) => new Set((data[store] ?? []).map((row) => String(row.id)));
  const workspaces = ids('workspaces');
  const accounts = ids('accounts');
  const posts = ids('posts');
  const streams = ids('streams');
  const missing = (path: (string | number)[], id: unknown, what: string) =>
    ctx.addIssue({ code: 'custom', path, message: `refers to ${what} ${String(id)}, which is not in the file` });
  for (const store of IN_A_WORKSPACE) {
    (data[store] ?? []).forEach(
      (row, i) => !workspaces.has(String(row.workspaceId)) && missing(['data', store, i, 'workspaceId'], row.workspaceId, 'workspace'),
    );
  }
  (data.clips ?? []).forEach((clip, i) =>
    (clip.workspaceIds as string[]).forEach((id) => !workspaces.has(id) && missing(['data', 'clips', i, 'workspaceIds'], id, 'workspace')),
  );
  (data.deliveries ?? []).forEach((d, i) => {
    if (!accounts.has(String(d.accountId))) missing(['data', 'deliveries', i, 'accountId'], d.accountId, 'account');
    if (!posts.has(String(d.postId))) missing(['data', 'deliveries', i, 'postId'], d.postId, 'post');
  });
  (data.credentials ?? []).forEach((c, i) => !accounts.has(String(c.accountId)) && missing(['data', 'credentials', i, 'accountId'], c.accountId, 'account'));
  (data.streamResults ?? []).forEach((r, i) => !streams.has(String(r.streamId)) && missing(['data', 'streamResults', i, 'streamId'], r.streamId, 'stream'));
  (file.media?.templates ?? []).forEach(
    (t, i) => !workspaces.has(String(t.workspaceId)) && missing(['media', 'templates', i, 'workspaceId'], t.workspaceId, 'workspace'),
  );
}
