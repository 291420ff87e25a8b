import { useMemo } from 'react';
import type { Account, Delivery, Post, Workspace } from '@/lib/model';
import { confirmImported, draftImported, importedHolds } from '@/lib/schedule/imported';
import { validRows } from '@/lib/store';
import { useScheduleWrite } from './schedule';
import { useLiveQuery } from './store-context';

export interface Held {
  delivery: Delivery;
  account: Account | undefined;
  post: Post | undefined;
  zone: string;
}

/** The imported deliveries held until the user confirms them (issue 18, hole 8), with what the banner shows of each. */
export function useImportedHolds(): Held[] | undefined {
  return useLiveQuery(
    ['deliveries', 'posts', 'accounts', 'workspaces'],
    async (s): Promise<Held[]> => {
      const rows = await importedHolds(s);
      const accounts = validRows(await s.accounts.list());
      const workspaces = validRows(await s.workspaces.list()) as Workspace[];
      return Promise.all(
        rows.map(async (delivery) => {
          const post = await s.posts.get(delivery.postId);
          return {
            delivery,
            account: accounts.find((a) => a.id === delivery.accountId),
            post: post?.ok ? post.value : undefined,
            zone: workspaces.find((w) => w.id === delivery.workspaceId)?.timeZone ?? 'UTC',
          };
        }),
      );
    },
    [],
  );
}

/** Confirm the held imports (this browser publishes them) or move them to drafts; the background is told either way. */
export function useImportedActions() {
  const scheduleWrite = useScheduleWrite();
  return useMemo(
    () => ({
      confirm: (now: number) => scheduleWrite((store) => confirmImported(store, now)),
      toDrafts: (now: number) => scheduleWrite((store) => draftImported(store, now)),
    }),
    [scheduleWrite],
  );
}
