import { buttonsRoot, existingButtons } from './post-buttons';

/**
 * The mark on a post that matches a listening stream, all of it inside the post's Cadence bar (its
 * closed shadow root): the bar gets an orange ring and the label "Matches: <stream>". Nothing
 * touches the page's own elements, and the bar's box is the same size marked or not (the label is
 * laid over the bar's end, the ring is a shadow), so the site cannot read which posts match and
 * infer the user's stream terms (issue 18, hole 12; the mark was an outline and an attribute on
 * the post itself). The ring colour keeps at least 3.5:1 against white and against the dark themes
 * of the supported sites (#15202b, #22272e, #282c37), so one colour serves both modes.
 */
export const MATCHED_CLASS = 'matched';

/** Marks `post` with the names of the streams it matches, or unmarks it when there are none. */
export function showMatches(post: Element, names: readonly string[]): void {
  const host = existingButtons(post);
  const group = host ? buttonsRoot(host)?.querySelector('[role="group"]') : null;
  if (!group) return; // no Cadence bar on this post (it has no address): a mark would say nothing
  let label = group.querySelector('.match');
  if (!names.length) {
    label?.remove();
    group.classList.remove(MATCHED_CLASS);
    return;
  }
  if (!label) {
    label = post.ownerDocument.createElement('span');
    label.className = 'match';
    group.append(label);
  }
  label.textContent = `Matches: ${names.join(', ')}`;
  label.setAttribute('title', label.textContent);
  group.classList.add(MATCHED_CLASS);
}
