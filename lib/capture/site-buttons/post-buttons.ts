/**
 * The "Clip" and "Share next" buttons on one post, in a closed shadow root: the page's CSS cannot
 * reach inside, ours cannot leak out, and the page's scripts cannot find the buttons to press
 * them. Only trusted events (a real click, Enter or Space) act, so a script that dispatches a
 * click on the host does nothing. Clicks stop at the host: posts are links on most sites.
 */
export const HOST_TAG = 'cadence-post-actions';

export type PostAction = 'clip' | 'share-next';

/** What an action answers: the sentence the status shows, and for a Share next that queued, how to take it back. */
export type ActResult = string | { message: string; undo?: () => Promise<string> };

export interface PostButtonsOptions {
  /** Runs the action and resolves to what the status shows. */
  act(action: PostAction, post: Element): Promise<ActResult>;
  /** Which events may act; tests pass `() => true` because synthetic clicks are untrusted. */
  isTrusted?(event: Event): boolean;
  /** Whether the browser sees the buttons unhidden (see `watchSeen`); tests pass their own. */
  seen?(host: Element): () => Promise<boolean | null> | boolean | null;
}

export const HIDDEN =
  'Not queued: this page hides or covers Cadence’s buttons, so Cadence cannot tell you meant to press Share next. Clip the post instead and share it from Cadence’s side panel.';

/**
 * Whether the buttons are really seen (issue 18, hole 9): a page script can make the post that
 * holds them see-through, or lay a decoy over them, and turn one real click into a queued post.
 * Chromium's IntersectionObserver v2 (trackVisibility) tells when an element is painted unhidden:
 * not covered, fully opaque, not distorted by a transform or filter. It tells late (reports come
 * at most every `delay`), so a page that hides the bar at the moment of the press would still
 * read as seen if the answer were taken then. The check therefore waits SETTLE_MS after the press
 * for any report to arrive, and answers true only when the bar was seen without a break from
 * SEEN_FOR_MS before the press until then; false when it was not, and null where the browser
 * cannot tell (Firefox), where Undo is what protects the user.
 */
const SEEN_FOR_MS = 500;
const SETTLE_MS = 250;
export function watchSeen(host: Element): () => Promise<boolean | null> {
  const view = host.ownerDocument.defaultView as (Window & typeof globalThis) | null;
  const Entry = view?.IntersectionObserverEntry;
  if (!view?.IntersectionObserver || !Entry || !('isVisible' in Entry.prototype)) return async () => null;
  let seenSince: number | null = null;
  const observer = new view.IntersectionObserver(
    (entries) => {
      const last = entries.at(-1) as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
      if (!last) return;
      if (!last.isVisible) seenSince = null;
      else seenSince ??= last.time;
    },
    { threshold: [0, 1], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
  );
  observer.observe(host);
  return async () => {
    const pressedAt = view.performance.now();
    await new Promise((done) => view.setTimeout(done, SETTLE_MS));
    return seenSince !== null && pressedAt - seenSince >= SEEN_FOR_MS;
  };
}

const STYLE = `
:host { all: initial !important; display: block !important; margin: 6px 0 !important; }
div { position: relative; display: flex; flex-wrap: wrap; gap: 6px; align-items: center; padding: 3px; border-radius: 6px; font: 13px/1.3 system-ui, sans-serif; color: #1f2328; }
div.matched { box-shadow: inset 0 0 0 2px #cf5f00; }
button { font: inherit; padding: 3px 10px; border: 1px solid #8c959f; border-radius: 999px; background: #fff; color: #1f2328; cursor: pointer; }
button:hover { background: #f3f4f6; }
button:focus-visible { outline: 2px solid #3b6ef5; outline-offset: 2px; }
button:disabled { opacity: 0.6; cursor: progress; }
[role="status"] { color: inherit; }
.match { position: absolute; right: 3px; top: 50%; transform: translateY(-50%); max-width: 45%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; box-sizing: border-box; padding: 2px 8px; border: 1px solid #cf5f00; border-radius: 4px; background: #fff4e5; color: #7a3e00; font-weight: 600; }
@media (prefers-color-scheme: dark) { div { color: #e6edf3; } button { background: #22272e; color: #e6edf3; border-color: #636e7b; } button:hover { background: #2d333b; } .match { background: #3b2300; color: #ffd8a8; } }
`;

// Closed roots are unreachable from the host element; tests read them through this map.
const roots = new WeakMap<Element, ShadowRoot>();

/** The shadow root of a host this module made (for tests; the page cannot reach it). */
export function buttonsRoot(host: Element): ShadowRoot | undefined {
  return roots.get(host);
}

/** The buttons' host inside `post`, if they are already there. */
export function existingButtons(post: Element): Element | null {
  for (const child of post.children) if (child.localName === HOST_TAG) return child;
  return null;
}

const BUSY: Record<PostAction, string> = { clip: 'Clipping…', 'share-next': 'Adding to the queue…' };
const STOP = ['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'keydown', 'keyup', 'keypress'];

/** Adds the buttons to `post` once: a second call for the same post returns the same host. */
export function placeButtons(post: Element, { act, isTrusted = (event) => event.isTrusted, seen = watchSeen }: PostButtonsOptions): Element {
  const existing = existingButtons(post);
  if (existing) return existing;
  const doc = post.ownerDocument;
  const host = doc.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  roots.set(host, root);
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const group = doc.createElement('div');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Cadence');
  const status = doc.createElement('span');
  status.setAttribute('role', 'status');
  status.id = 'status';
  const button = (action: PostAction, label: string, description: string) => {
    const element = doc.createElement('button');
    element.type = 'button';
    element.textContent = label;
    element.title = description;
    element.dataset.action = action;
    element.setAttribute('aria-describedby', 'status');
    element.addEventListener('click', (event) => {
      if (!isTrusted(event)) return;
      void run(action);
    });
    return element;
  };
  const buttons = [
    button('clip', 'Clip', 'Save this post to your Cadence clips'),
    button('share-next', 'Share next', "Share this post in each account's next free slot"),
  ];
  // Undo after a Share next that queued: shown until pressed or until the next action.
  const undo = doc.createElement('button');
  undo.type = 'button';
  undo.textContent = 'Undo';
  undo.title = 'Take the post Share next just queued out of the queue';
  undo.hidden = true;
  let undoing: (() => Promise<string>) | null = null;
  undo.addEventListener('click', (event) => {
    if (!isTrusted(event) || !undoing) return;
    const take = undoing;
    undoing = null;
    undo.hidden = true;
    void say(take, 'Taking it out of the queue…');
  });
  const isSeen = seen(host);
  const say = async (work: () => Promise<ActResult>, busy: string) => {
    for (const each of buttons) each.disabled = true;
    status.textContent = busy;
    try {
      const result = await work();
      status.textContent = typeof result === 'string' ? result : result.message;
      undoing = typeof result === 'string' ? null : (result.undo ?? null);
      undo.hidden = !undoing;
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error);
    } finally {
      for (const each of buttons) each.disabled = false;
    }
  };
  const run = async (action: PostAction) => {
    undoing = null;
    undo.hidden = true;
    // Share next is taken as meant only if the browser saw the bar through the press.
    const work = async () => (action === 'share-next' && (await isSeen()) === false ? HIDDEN : act(action, post));
    await say(work, BUSY[action]);
  };
  group.append(...buttons, status, undo);
  root.append(style, group);
  for (const type of STOP) host.addEventListener(type, (event) => event.stopPropagation());
  post.append(host);
  return host;
}
