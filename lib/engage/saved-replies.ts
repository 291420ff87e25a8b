import type { InboxItem } from '../model';

/** The placeholders a saved reply may use, filled from the person being answered. */
export const PLACEHOLDERS = ['{name}', '{handle}'] as const;

/**
 * Fills `{name}` (display name, or the handle when there is none) and `{handle}` (with "@").
 * Unknown `{…}` are left as typed, so a typo shows in the reply box instead of vanishing.
 */
export function fillSavedReply(text: string, author: Pick<InboxItem['author'], 'displayName' | 'handle'>): string {
  const handle = `@${author.handle.replace(/^@/, '')}`;
  const name = author.displayName.trim() || handle;
  return text.replaceAll('{name}', name).replaceAll('{handle}', handle);
}
