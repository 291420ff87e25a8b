import { buttonsRoot, existingButtons } from './post-buttons';

/**
 * The mark on a post that matches a listening stream: an outline around the post and a label
 * "Matches: <stream>" in the post's Cadence bar (its closed shadow root, after the post's text,
 * so nothing covers it). The outline colour keeps at least 3.5:1 against white and against the
 * dark themes of the supported sites (#15202b, #22272e, #282c37), so one colour serves both modes.
 * Only the outline touches the page's element; its own inline outline comes back when unmarked.
 */
export const MATCH_ATTRIBUTE = 'data-cadence-match';
const OUTLINE = '3px solid #cf5f00';

const saved = new WeakMap<Element, { outline: string; offset: string }>();

/** Marks `post` with the names of the streams it matches, or unmarks it when there are none. */
export function showMatches(post: Element, names: readonly string[]): void {
  const host = existingButtons(post);
  const group = host ? buttonsRoot(host)?.querySelector('[role="group"]') : null;
  let label = group?.querySelector('.match');
  if (!names.length) {
    label?.remove();
    unmark(post);
    return;
  }
  if (!group) return; // no Cadence bar on this post (it has no address): a mark would say nothing
  if (!label) {
    label = post.ownerDocument.createElement('span');
    label.className = 'match';
    group.prepend(label);
  }
  label.textContent = `Matches: ${names.join(', ')}`;
  mark(post);
}

function mark(post: Element) {
  const style = (post as HTMLElement).style;
  if (!saved.has(post)) saved.set(post, { outline: style.getPropertyValue('outline'), offset: style.getPropertyValue('outline-offset') });
  style.setProperty('outline', OUTLINE, 'important');
  // Inside the post's box: feeds clip their items, and an outside outline would be cut off.
  style.setProperty('outline-offset', '-3px', 'important');
  post.setAttribute(MATCH_ATTRIBUTE, '');
}

/** Takes the outline away and gives the post its own inline outline back. */
export function unmark(post: Element) {
  const before = saved.get(post);
  if (!before) return;
  const style = (post as HTMLElement).style;
  style.setProperty('outline', before.outline);
  style.setProperty('outline-offset', before.offset);
  saved.delete(post);
  post.removeAttribute(MATCH_ATTRIBUTE);
}
