import { HOST_TAG, placeButtons, type PostButtonsOptions } from './post-buttons';
import { findPosts, postAround, type SitePosts } from './sites';

export interface WatchOptions {
  /** At most one pass over what changed per this many milliseconds. */
  throttleMs?: number;
  /** Runs for each post that has (or just got) its buttons, at the start and whenever it changes. */
  onPost?(post: Element): void;
}

/**
 * Buttons on every post of the page, now and as feeds grow. The page is read whole once; after
 * that, only what changed: a MutationObserver collects the changed nodes, and at most once per
 * `throttleMs` (feeds mutate hundreds of times a second while scrolling) the posts around or
 * inside them are visited. A visit only adds buttons where they are missing, so visiting again
 * changes nothing. Returns `stop`, which also takes the buttons away (an updated extension
 * leaves orphaned scripts behind).
 */
export function watchPosts(doc: Document, site: SitePosts, options: PostButtonsOptions, { throttleMs = 300, onPost }: WatchOptions = {}): () => void {
  const visit = (posts: Iterable<Element>) => {
    const page = new URL(doc.URL);
    for (const post of posts) {
      if (!site.permalink(post, page)) continue;
      placeButtons(post, options);
      onPost?.(post);
    }
  };
  // Nodes whose post changed (a target), and nodes that came in (which may hold posts of their own).
  let changed = { targets: new Set<Node>(), added: new Set<Node>() };
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const { targets, added } = changed;
    changed = { targets: new Set(), added: new Set() };
    visit(postsTouched(targets, added, site));
  };
  // The document's own window's observer: the page's in a browser, happy-dom's under vitest.
  const Observer = (doc.defaultView as (Window & typeof globalThis) | null)?.MutationObserver ?? MutationObserver;
  const observer = new Observer((records) => {
    for (const record of records) {
      if (isOurHostAdded(record)) continue;
      changed.targets.add(record.target);
      for (const node of record.addedNodes) changed.added.add(node);
    }
    if (changed.targets.size || changed.added.size) timer ??= setTimeout(flush, throttleMs);
  });
  // Text (a recycled feed item shows another post) and the attributes permalinks are read from.
  observer.observe(doc.documentElement, { childList: true, characterData: true, subtree: true, attributes: true, attributeFilter: ['href', 'permalink'] });
  visit(findPosts(doc, site));
  return () => {
    observer.disconnect();
    if (timer !== null) clearTimeout(timer);
    for (const host of doc.querySelectorAll(HOST_TAG)) host.remove();
  };
}

/** Our own buttons going in: nothing of the page changed. */
function isOurHostAdded(record: MutationRecord): boolean {
  return record.type === 'childList' && record.removedNodes.length === 0 && [...record.addedNodes].every((node) => node.nodeName.toLowerCase() === HOST_TAG);
}

/**
 * The posts a batch of changes touched: the post around each changed node, and for an element
 * added outside any post (a feed item appended), the posts inside it. A change to the feed's
 * own container touches only what came in, never the posts already there.
 */
function postsTouched(targets: Set<Node>, added: Set<Node>, site: SitePosts): Set<Element> {
  const posts = new Set<Element>();
  const around = (node: Node) => {
    const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
    return element?.isConnected ? postAround(element, site) : null;
  };
  for (const node of targets) {
    const post = around(node);
    if (post) posts.add(post);
  }
  for (const node of added) {
    if (node.nodeType !== 1 || !node.isConnected) continue;
    const post = around(node);
    if (post) posts.add(post);
    else for (const inner of findPosts(node as Element, site)) posts.add(inner);
  }
  return posts;
}
