import { parseCount } from './numbers';

/**
 * Counts from a sentence such as X's action bar label "12 replies, 34 reposts, 567 likes,
 * 8 bookmarks, 12345 views": each number followed by the word naming it, mapped to our keys.
 */
export function countsFromLabel(label: string | null | undefined, names: Record<string, string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of (label ?? '').matchAll(/(\d[\d,.]*\s?[KMB]?)\s+([a-z]+)/gi)) {
    const key = names[match[2]?.toLowerCase() ?? ''];
    const value = parseCount(match[1]);
    if (key && value !== null) counts[key] = value;
  }
  return counts;
}

/** Counts from elements that each show one number, e.g. `{ likes: '[data-testid="likeCount"]' }`. */
export function countsFromElements(
  root: ParentNode,
  selectors: Record<string, string>,
  read: (element: Element) => string | null = (element) => element.textContent,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [key, selector] of Object.entries(selectors)) {
    const element = root.querySelector(selector);
    const value = element ? parseCount(read(element)) : null;
    if (value !== null) counts[key] = value;
  }
  return counts;
}
