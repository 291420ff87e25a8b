import type { Account, Delivery, Workspace } from '@/lib/model';
import { validRows, type Store } from '@/lib/store';

export interface CalendarData {
  workspace: Workspace | null;
  accounts: Account[];
  deliveries: Delivery[];
  /** Post text by post id, for the chips' snippets. */
  texts: Record<string, string>;
  /** Post.evergreenDays by post id, for the chips' "recycles every N days" mark. */
  evergreen: Record<string, number>;
  /** Campaign by post id, for the campaign bands. */
  campaigns: Record<string, string | null>;
}

/** The active workspace's accounts and its deliveries due in [from, to), through 'by-workspace-dueAt'. */
export async function loadCalendar(store: Store, from: number, to: number): Promise<CalendarData> {
  const workspace = await activeWorkspace(store);
  if (!workspace || !(from < to)) return { workspace, accounts: [], deliveries: [], texts: {}, evergreen: {}, campaigns: {} };
  const id = workspace.id;
  const accounts = validRows(await store.accounts.list({ index: 'by-workspace', query: id }));
  const deliveries = validRows(
    await store.deliveries.list({ index: 'by-workspace-dueAt', query: IDBKeyRange.bound([id, from], [id, to], false, true) }),
  ).filter((delivery) => delivery.state !== 'cancelled');
  const posts = await Promise.all([...new Set(deliveries.map((d) => d.postId))].map((postId) => store.posts.get(postId)));
  const texts: Record<string, string> = {};
  const evergreen: Record<string, number> = {};
  const campaigns: Record<string, string | null> = {};
  for (const row of posts) {
    if (!row?.ok) continue;
    texts[row.value.id] = row.value.text;
    if (row.value.evergreenDays !== null) evergreen[row.value.id] = row.value.evergreenDays;
    campaigns[row.value.id] = row.value.campaign;
  }
  return { workspace, accounts, deliveries, texts, evergreen, campaigns };
}

export async function activeWorkspace(store: Store): Promise<Workspace | null> {
  const settings = await store.settings.get('settings');
  const workspaceId = settings?.ok ? settings.value.activeWorkspaceId : null;
  const workspace = workspaceId ? await store.workspaces.get(workspaceId) : undefined;
  return workspace?.ok ? workspace.value : null;
}
