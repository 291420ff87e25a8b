import { defineContentScript } from 'wxt/utils/define-content-script';
import { SOCIAL_MATCHES } from '@/lib/capture/site-buttons/matches';
import { createPostActions } from '@/lib/capture/site-buttons/post-actions';
import { siteFor } from '@/lib/capture/site-buttons/sites';
import { watchPosts } from '@/lib/capture/site-buttons/watch-posts';
import { sendFromContent } from '@/lib/platform/content-send';

// The in-context Clip / Share next buttons (DESIGN.md §4): declared for the supported social sites
// only, and small: the site's extractor reads one post, the background files and queues it.
export default defineContentScript({
  matches: SOCIAL_MATCHES,
  main(ctx) {
    const site = siteFor(new URL(location.href));
    if (!site) return;
    const stop = watchPosts(document, site, { act: createPostActions({ site, doc: document, send: sendFromContent }) });
    ctx.onInvalidated(stop);
  },
});
