import { useCallback } from 'react';
import { newId, type Account, type InboxItem, type SavedReply } from '@/lib/model';
import { validRows } from '@/lib/store';
import { useLiveQuery, useStore } from './store-context';

/**
 * Local edits of one inbox item (label, note, assignee, state, snooze) in one read-check-write.
 * What reaches a network — reading, replying, liking — is a message to the background instead
 * (inbox.markRead, inbox.reply, engage.react); the badge follows every inbox write by the change feed.
 */
export function useInboxItemUpdate(itemId: string) {
  const store = useStore();
  return useCallback((change: (current: InboxItem) => InboxItem) => store.inbox.update(itemId, (current) => current && change(current)), [store, itemId]);
}

/** The workspace's saved replies, live, and a way to save one more. */
export function useSavedReplies(workspaceId: string) {
  const store = useStore();
  const saved =
    useLiveQuery(['savedReplies'], async (s) => validRows(await s.savedReplies.list({ index: 'by-workspace', query: workspaceId })), [workspaceId]) ?? [];
  const save = useCallback(
    async (name: string, text: string): Promise<SavedReply> => {
      const at = Date.now();
      return store.savedReplies.put({ v: 1, id: newId('sr'), workspaceId, name, text, createdAt: at, updatedAt: at });
    },
    [store, workspaceId],
  );
  return { saved, save };
}

/** Every inbox item, newest first, and every account (an item names its account), live. */
export function useInbox(): { items: InboxItem[] | undefined; accounts: Account[] } {
  const items = useLiveQuery(['inbox'], async (store) => validRows(await store.inbox.list({ index: 'by-createdAt', direction: 'prev' })), []);
  const accounts = useLiveQuery(['accounts'], async (store) => validRows(await store.accounts.list()), []) ?? [];
  return { items, accounts };
}
