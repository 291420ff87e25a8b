import { textOf } from '../dom';
import { streamsMatching, type HighlightRule } from '../../engage/highlight-rules';
import { HOST_TAG } from './post-buttons';
import { showMatches } from './post-match';
import type { SitePosts } from './sites';

/** Starts delivering the rules (now and whenever they change); returns `stop`. */
export type FollowRules = (apply: (rules: HighlightRule[]) => void) => () => void;

/**
 * Listening highlights on the page being read: each post the site script visits is tested
 * against the active workspace's streams, in the page (issue "Respond/listen": no network call).
 * The rules are asked for on the first post seen, so a page with no posts never asks; new rules
 * re-test the posts that carry Cadence's bar, and a deleted stream's marks go with it.
 */
export function createHighlights(doc: Document, site: SitePosts, follow: FollowRules) {
  let rules: HighlightRule[] = [];
  let stopFollowing: (() => void) | null = null;
  const test = (post: Element) => showMatches(post, rules.length ? streamsMatching(rules, postText(post, site)) : []);
  return {
    /** For watchPosts' `onPost`: a post appeared or changed. */
    mark(post: Element) {
      stopFollowing ??= follow((next) => {
        rules = next;
        for (const host of doc.querySelectorAll(HOST_TAG)) if (host.parentElement) test(host.parentElement);
      });
      test(post);
    },
    stop() {
      stopFollowing?.();
      for (const host of doc.querySelectorAll(HOST_TAG)) if (host.parentElement) showMatches(host.parentElement, []);
    },
  };
}

/** The post's own text (its site's text elements), else all of it; images count by their alt text (emoji). */
export function postText(post: Element, site: SitePosts): string {
  const parts = site.text ? [...post.querySelectorAll(site.text)] : [];
  return (parts.length ? parts : [post]).map((part) => textOf(part, { withImageAlt: true })).join('\n');
}
