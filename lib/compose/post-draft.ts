import type { Account, Clip, Post, Variant } from '../model';
import { creditLine } from './credit';
import { postLanguage } from './language';
import { linkCardFromClip } from './link-card';
import { quoteText, quoteTextFor } from './quote';
import { addUtmToText } from './utm';

/**
 * A post being written, as plain data in and out. The chosen accounts are the post's variants:
 * a variant whose `text` is null follows the shared text, one with its own text has diverged
 * ("Edit for this network only"), and `thread` holds the posts after the first once split.
 */

export function blankPost(id: string, workspaceId: string, now: number, clip: Clip | null): Post {
  return {
    v: 1,
    id,
    workspaceId,
    clipId: clip?.id ?? null,
    text: clip ? clipText(clip) : '',
    variants: [],
    media: [],
    link: clip ? linkCardFromClip(clip) : null,
    lang: postLanguage(clip?.lang),
    campaign: null,
    pillar: null,
    utm: { enabled: false, medium: 'social', campaign: '' },
    experiment: null,
    evergreenDays: null,
    replyTo: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** A clip's title and link, the shared part of a post started from it; a quote clip's words, author and deep link (./quote.ts). */
export function clipText(clip: Pick<Clip, 'title' | 'url' | 'quote' | 'byline' | 'siteName' | 'credits'>): string {
  return quoteText(clip) ?? [clip.title.trim(), clip.url].filter(Boolean).join('\n');
}

export function variantOf(post: Post, accountId: string): Variant | undefined {
  return post.variants.find((variant) => variant.accountId === accountId);
}

/** The first post's text for one account, before UTM tagging. */
export function textFor(post: Post, accountId: string): string {
  return variantOf(post, accountId)?.text ?? post.text;
}

/** Every post of the thread for one account as it will go out (UTM tags added when on). */
export function outgoingParts(post: Post, account: Pick<Account, 'id' | 'network'>): string[] {
  const parts = [textFor(post, account.id), ...(variantOf(post, account.id)?.thread ?? [])];
  if (!post.utm.enabled) return parts;
  const options = { network: account.network, medium: post.utm.medium || undefined, campaign: post.utm.campaign };
  return parts.map((part) => addUtmToText(part, options));
}

/** The first comment for one account as it will go out (UTM tags added when on); null: none. */
export function outgoingComment(post: Post, account: Pick<Account, 'id' | 'network'>): string | null {
  const text = post.firstComments?.find((comment) => comment.accountId === account.id)?.text.trim() ?? '';
  if (text === '') return null;
  if (!post.utm.enabled) return text;
  return addUtmToText(text, { network: account.network, medium: post.utm.medium || undefined, campaign: post.utm.campaign });
}

/** Sets (or, with '', clears) one account's first comment. */
export function setFirstComment(post: Post, accountId: string, text: string): Post {
  const others = (post.firstComments ?? []).filter((comment) => comment.accountId !== accountId);
  return { ...post, firstComments: text === '' ? others : [...others, { accountId, text }] };
}

/**
 * Choosing an account adds its variant. A post started from a clip credits the author in that
 * network's own form, which only this network can read, so the variant diverges from the start.
 */
export function chooseAccount(post: Post, account: Account, clip: Clip | null): Post {
  if (variantOf(post, account.id)) return post;
  const variant: Variant = { accountId: account.id, text: clip ? creditedText(post.text, clip, account) : null, thread: [] };
  return { ...post, variants: [...post.variants, variant] };
}

/** The text with the author credited as `account`'s network reads it; null when nothing is added. */
function creditedText(text: string, clip: Clip, account: Account): string | null {
  if (clip.quote) return quoteTextFor(text, clip, account.network);
  const credit = creditLine(clip, account.network);
  return credit ? `${text}\n${credit}` : null;
}

export function dropAccount(post: Post, accountId: string): Post {
  const variants = post.variants.filter((variant) => variant.accountId !== accountId);
  if (!post.firstComments) return { ...post, variants };
  return { ...post, variants, firstComments: post.firstComments.filter((comment) => comment.accountId !== accountId) };
}

/** Replaces one account's variant; `text: null` with no thread means "back to the shared text". */
export function setVariant(post: Post, accountId: string, change: Partial<Omit<Variant, 'accountId'>>): Post {
  return { ...post, variants: post.variants.map((variant) => (variant.accountId === accountId ? { ...variant, ...change } : variant)) };
}
