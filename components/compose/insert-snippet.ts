import type { RefObject } from 'react';
import { setVariant, textFor } from '@/lib/compose/post-draft';
import { insertAt } from '@/lib/compose/templates';
import type { Post } from '@/lib/model';

/**
 * Puts `snippet` at the caret of the editor shown now (the shared text, or one account's own
 * text when its tab is open), then gives the editor focus back with the caret after the snippet.
 */
export function insertSnippet(box: RefObject<HTMLTextAreaElement | null>, tab: string, snippet: string, edit: (change: (post: Post) => Post) => void): void {
  const element = box.current;
  const isShared = tab === 'shared';
  let caret = 0;
  edit((post) => {
    const text = isShared ? post.text : textFor(post, tab);
    const end = element ? element.selectionEnd : text.length;
    const result = insertAt(text, element ? element.selectionStart : text.length, end, snippet);
    caret = result.caret;
    return isShared ? { ...post, text: result.text } : setVariant(post, tab, { text: result.text });
  });
  // After React has written the new value into the textarea.
  requestAnimationFrame(() => {
    const current = box.current;
    if (!current) return;
    current.focus();
    current.setSelectionRange(caret, caret);
  });
}
