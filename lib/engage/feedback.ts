import type { InboxItem } from '../model';
import type { NoteInput } from '../platform/ports';

/** The toolbar badge shows how many inbox items wait unread; empty at zero. */
export const UNREAD_BADGE_COLOR = '#3b6ef5';

export function unreadBadgeText(count: number): string {
  return count === 0 ? '' : count > 99 ? '99+' : String(count);
}

/** One desktop notification per poll that brought mentions, never one per item; null when none came. */
export function mentionNote(items: InboxItem[]): NoteInput | null {
  const [first] = items;
  if (!first) return null;
  return {
    id: `inbox-${first.id}`,
    title: items.length === 1 ? `@${first.author.handle} mentioned you` : `${items.length} new mentions and replies`,
    message:
      items.length === 1
        ? first.text.slice(0, 200)
        : items
            .map((item) => `@${item.author.handle}`)
            .slice(0, 5)
            .join(', '),
  };
}
