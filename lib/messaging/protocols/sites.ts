import { z } from 'zod';
import type { MessageSpec } from '../spec';

/** A server's origin as the Settings form sends it (normalised there, checked again by the background). */
const originSchema = z.string().trim().min(1).max(300);

/** The site scripts: where they run, and what they highlight. Merged into PROTOCOL (../protocol.ts). */
export const SITES_PROTOCOL = {
  /**
   * "Clip buttons on Mastodon servers you read": the panel asked permissions.request for the
   * origin in the user's click first; the background remembers it and registers the site script there.
   */
  'sites.addMastodonServer': {
    from: ['extension'],
    input: z.object({ origin: originSchema }),
    output: z.object({ origin: z.string() }),
  },
  /** Unregisters the site script there and gives the host permission back (unless an account needs it). */
  'sites.removeMastodonServer': {
    from: ['extension'],
    input: z.object({ origin: originSchema }),
    output: z.object({ origin: z.string(), permissionKept: z.boolean() }),
  },
  /**
   * The site script asks, once per page and again when told the streams changed, what to
   * highlight: the active workspace's streams as names and terms (lib/engage/highlight-rules.ts),
   * nothing else. The page matches them itself; no network call is made for it.
   */
  'listen.highlightRules': {
    from: ['content'],
    input: z.object({}),
    output: z.object({
      rules: z.array(z.object({ name: z.string(), words: z.array(z.string()), hashtags: z.array(z.string()), phrases: z.array(z.array(z.string())) })),
    }),
  },
} as const satisfies Record<string, MessageSpec>;
