import { defineContentScript } from 'wxt/utils/define-content-script';
import { createHighlights } from '@/lib/capture/site-buttons/highlights';
import { mastodonSite } from '@/lib/capture/site-buttons/mastodon-site';
import { SOCIAL_MATCHES } from '@/lib/capture/site-buttons/matches';
import { createPostActions } from '@/lib/capture/site-buttons/post-actions';
import { siteFor } from '@/lib/capture/site-buttons/sites';
import { watchPosts } from '@/lib/capture/site-buttons/watch-posts';
import { sendFromContent } from '@/lib/platform/content-send';
import { followHighlightRules } from '@/lib/platform/follow-highlight-rules';

// The in-context Clip / Share next buttons and listening highlights (docs/architecture.md, decision 4): declared for
// the supported social sites, registered at run time for Mastodon servers (lib/capture/site-buttons/sync.ts),
// and small: the site's extractor reads one post, the background files and queues it.
export default defineContentScript({
  matches: SOCIAL_MATCHES,
  main(ctx) {
    // A host not declared here is a Mastodon server the script was registered for: Mastodon's
    // markup alone makes posts there, so a page without it gets nothing.
    const site = siteFor(new URL(location.href)) ?? mastodonSite;
    const highlights = createHighlights(document, site, followHighlightRules);
    const act = createPostActions({ site, doc: document, send: sendFromContent });
    const stop = watchPosts(document, site, { act }, { onPost: highlights.mark });
    ctx.onInvalidated(() => {
      highlights.stop();
      stop();
    });
  },
});
