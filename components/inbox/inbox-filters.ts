import type { InboxItem } from '@/lib/model';

export interface InboxFilterState {
  accountId: string;
  kind: '' | InboxItem['kind'];
  /** 'open' hides done and snoozed items: the working view. */
  state: '' | InboxItem['state'];
  label: string;
}

export const EMPTY_INBOX_FILTERS: InboxFilterState = { accountId: '', kind: '', state: 'open', label: '' };

/** Newest first, across every account and workspace, narrowed by the filters that are set. */
export function filterInbox(items: readonly InboxItem[], filters: InboxFilterState): InboxItem[] {
  return items
    .filter(
      (item) =>
        (!filters.accountId || item.accountId === filters.accountId) &&
        (!filters.kind || item.kind === filters.kind) &&
        (!filters.state || item.state === filters.state) &&
        (!filters.label || item.labels.includes(filters.label)),
    )
    .sort((a, b) => b.createdAt - a.createdAt);
}
