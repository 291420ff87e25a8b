import type { KeyboardEvent } from 'react';

/**
 * Arrow keys, Home and End move between the options of a radio group or tab list (WAI-ARIA APG):
 * returns the index to select, or null when the key is not one of them.
 */
export function rovingIndex(event: KeyboardEvent, index: number, count: number): number | null {
  const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: count - 1 }[event.key];
  if (next === undefined) return null;
  event.preventDefault();
  return (next + count) % count;
}

/** Focuses the option at `index` among the group's options after a roving move. */
export function focusOption(event: KeyboardEvent, selector: string, index: number): void {
  const group = (event.currentTarget as HTMLElement).closest('[role="radiogroup"], [role="tablist"]');
  group?.querySelectorAll<HTMLElement>(selector)[index]?.focus();
}
