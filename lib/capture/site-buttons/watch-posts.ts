import { HOST_TAG, placeButtons, type PostButtonsOptions } from './post-buttons';
import { findPosts, type SitePosts } from './sites';

/**
 * Buttons on every post of the page, now and as feeds grow: a MutationObserver schedules at most
 * one scan per `throttleMs` (feeds mutate hundreds of times a second while scrolling), and a scan
 * only adds buttons where they are missing, so running it again changes nothing. Returns `stop`,
 * which also takes the buttons away (an updated extension leaves orphaned scripts behind).
 */
export function watchPosts(doc: Document, site: SitePosts, options: PostButtonsOptions, { throttleMs = 300 } = {}): () => void {
  const scan = () => {
    const page = new URL(doc.URL);
    for (const post of findPosts(doc, site)) if (site.permalink(post, page)) placeButtons(post, options);
  };
  let timer: ReturnType<typeof setTimeout> | null = null;
  // The document's own window's observer: the page's in a browser, happy-dom's under vitest.
  const Observer = (doc.defaultView as (Window & typeof globalThis) | null)?.MutationObserver ?? MutationObserver;
  const observer = new Observer(() => {
    timer ??= setTimeout(() => {
      timer = null;
      scan();
    }, throttleMs);
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  scan();
  return () => {
    observer.disconnect();
    if (timer !== null) clearTimeout(timer);
    for (const host of doc.querySelectorAll(HOST_TAG)) host.remove();
  };
}
