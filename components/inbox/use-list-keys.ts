import type { KeyboardEvent } from 'react';

/**
 * Arrow keys, Home and End move focus between the options of a list (roving focus); the caller
 * handles Enter. Items carry `data-list-item`.
 */
export function listKeys(event: KeyboardEvent<HTMLElement>): void {
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-list-item]')];
  const index = items.indexOf(document.activeElement as HTMLElement);
  const target = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: items.length - 1 }[event.key];
  if (target === undefined || items.length === 0) return;
  event.preventDefault();
  items[Math.max(0, Math.min(items.length - 1, target))]?.focus();
}
