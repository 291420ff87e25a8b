import { z } from 'zod';

/**
 * Who can see a post, in Mastodon's words (docs.joinmastodon.org/entities/Status#visibility),
 * widest first. Invariant (issue 18, hole 2): a reply never widens the audience of what it
 * answers. A visibility Cadence does not know (a row from before it kept one, a server's own
 * value such as Hometown's "limited") is `null`, and a reply to it goes out `direct`.
 */
export const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
export const visibilitySchema = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof visibilitySchema>;

/** A value from the network, or null when it is not one of the four we know. */
export function knownVisibility(value: unknown): Visibility | null {
  const parsed = visibilitySchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The narrower of two visibilities. */
export function narrower(a: Visibility, b: Visibility): Visibility {
  return VISIBILITIES.indexOf(a) >= VISIBILITIES.indexOf(b) ? a : b;
}

/**
 * The visibility of a reply: the narrower of the account's default and the parent's, as
 * Mastodon's own web client does (app/javascript/mastodon/reducers/compose.js, privacyPreference).
 * An unknown parent is answered `direct`; an unknown default (the server did not say) leaves the
 * parent's.
 */
export function replyVisibility(parent: Visibility | null, accountDefault: Visibility | null): Visibility {
  if (parent === null) return 'direct';
  return accountDefault === null ? parent : narrower(parent, accountDefault);
}
