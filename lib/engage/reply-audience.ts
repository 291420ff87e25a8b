import type { Network, Visibility } from '../model';

/**
 * Who a reply reaches (issue 18, hole 2). Invariants:
 * - a reply never widens the audience of what it answers: on Mastodon it goes out at the narrower
 *   of the parent's visibility and the account's default (lib/networks/mastodon/publish.ts);
 * - a parent whose visibility is unknown (a row stored before Cadence kept it) is answered `direct`;
 * - a direct reply reaches exactly the accounts its text mentions, so the box starts with the
 *   mentions Mastodon's own clients add, and a direct reply that mentions no one is refused;
 * - Bluesky has no audience setting: every reply is public, as the post it answers is.
 */

/** What the reply is answering, as the inbox item or listening result stored it. */
export interface ReplyParent {
  network: Network;
  /** Null: unknown. */
  visibility: Visibility | null;
  /** Null: not kept (older rows); then the author alone is addressed. */
  replyMentions: string[] | null;
  author: { handle: string };
}

/**
 * Mentions in a Mastodon text: `@user` or `@user@domain`, not inside a word or a URL (Mastodon's
 * Account::MENTION_RE: `(?<=^|[^/[:word:]])@(([a-z0-9_]+)(?:@[[:word:].-]+[[:word:]]+)?)`).
 */
const MENTION = /(?<=^|[^/\p{L}\p{N}_])@([a-z0-9_]+(?:@[\p{L}\p{N}_.:-]*[\p{L}\p{N}_])?)/giu;

export function mentionsIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(MENTION)) if (!found.some((acct) => acct.toLowerCase() === match[1]!.toLowerCase())) found.push(match[1]!);
  return found;
}

/** The parent's visibility where it matters: Bluesky is always public; anything unknown is null. */
export function parentVisibility(parent: ReplyParent): Visibility | null {
  return parent.network === 'bluesky' ? 'public' : parent.visibility;
}

/** Whether the reply certainly goes out `direct` (whatever the account's default). */
export function isDirectReply(parent: ReplyParent): boolean {
  if (parent.network !== 'mastodon') return false;
  const visibility = parentVisibility(parent);
  return visibility === null || visibility === 'direct';
}

/** The text the reply box starts with: `@a @b ` on Mastodon, nothing on Bluesky. */
export function replyPrefill(parent: ReplyParent): string {
  if (parent.network !== 'mastodon') return '';
  const accts = parent.replyMentions ?? [parent.author.handle];
  return accts.length ? `${accts.map((acct) => `@${acct}`).join(' ')} ` : '';
}

const list = (accts: string[]) => {
  const named = accts.map((acct) => `@${acct}`);
  return named.length <= 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
};

/** The sentence under the reply box saying who will see the reply, for the text as it is now. */
export function audienceLine(parent: ReplyParent, text: string): string {
  if (parent.network === 'bluesky') return 'Replies on Bluesky are public: anyone can see this one.';
  if (parent.network !== 'mastodon') return '';
  const mentioned = mentionsIn(text);
  const visibility = parentVisibility(parent);
  const unknown =
    visibility === null ? 'Cadence does not know who could see this post (it arrived before Cadence kept that), so the reply is sent direct. ' : '';
  if (visibility === null || visibility === 'direct') {
    if (mentioned.length === 0) return `${unknown}Reply is direct, and it mentions no one, so no one would see it: add the @mentions back.`;
    return `${unknown}Reply is direct: only ${list(mentioned)} see${mentioned.length === 1 ? 's' : ''} it.`;
  }
  const named = mentioned.length ? ` and ${list(mentioned)}` : '';
  if (visibility === 'private')
    return `Reply is followers-only, like the post it answers (or direct, if that is your account’s default): only your followers${named} see it.`;
  if (visibility === 'unlisted')
    return 'Reply is unlisted, like the post it answers (or narrower, if your account posts narrower by default): it stays out of public timelines.';
  return 'Reply goes out at your account’s default visibility, as the post it answers is public.';
}
