/**
 * How much notice a Mastodon hand-off needs: the server refuses `scheduled_at` less than 5 minutes
 * ahead (docs.joinmastodon.org/methods/statuses/#create). Compose checks it before asking; the
 * publisher (lib/publish/hand-off.ts) keeps the same margin.
 */
export const HAND_OFF_MARGIN_MS = 5 * 60_000;
