import type { Account, Delivery, Post, Workspace } from '@/lib/model';
import { importedHolds } from '@/lib/schedule/imported-holds';
import { validRows } from '@/lib/store';
import { useLiveQuery } from './store-context';

// Apart from ./imported.ts (the actions): the panel's first bundle reads these to know whether to
// load the banner at all (components/shell/ShellNotices.tsx, issue 20).

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
