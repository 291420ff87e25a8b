import { languageName } from '@/lib/compose/language';
import { API_NETWORKS, type Account, type Post } from '@/lib/model';

/**
 * The one line each of Compose's closed option sections shows (issue 24): what is set inside, so a
 * closed section never hides a choice that changes what goes out. Plain functions of the post.
 */

export const canFirstComment = (accounts: readonly Account[]) =>
  accounts.some((account) => API_NETWORKS.includes(account.network) && account.publishMode === 'api');

export const hasNetworkControls = (accounts: readonly Account[]) =>
  accounts.some((account) => account.network === 'bluesky' || (account.network === 'mastodon' && account.publishMode === 'api'));

export function templatesSummary(templates: readonly { name: string }[] | null): string {
  if (!templates) return '';
  return templates.length === 0 ? 'None saved yet' : clip(templates.map((template) => template.name).join(', '));
}

export function firstCommentSummary(post: Post): string {
  const comments = (post.firstComments ?? []).filter((comment) => comment.text.trim() !== '');
  if (comments.length === 0) return 'None';
  return comments.length === 1 ? `“${clip(comments[0]!.text)}”` : `${comments.length} comments`;
}

export function utmSummary(post: Post): string {
  if (!post.utm.enabled) return 'Off';
  return [`medium ${post.utm.medium || '(none)'}`, post.utm.campaign ? `campaign ${post.utm.campaign}` : null].filter(Boolean).join(', ');
}

export function optionsSummary(post: Post, accounts: readonly Account[]): string {
  const parts = [post.lang ? languageName(post.lang) : 'Language not set'];
  if (accounts.some((account) => account.network === 'mastodon')) {
    const visibility = post.mastodon?.visibility;
    parts.push(visibility ? `Mastodon: ${visibility}` : 'Mastodon: default audience');
    if (post.mastodon?.spoilerText) parts.push(`CW “${clip(post.mastodon.spoilerText)}”`);
  }
  return parts.join(' · ');
}

export function networkSummary(post: Post): string {
  const parts: string[] = [];
  if (post.quote) parts.push('Quotes a post');
  const replies = post.bluesky?.replies.kind;
  if (replies && replies !== 'everyone') parts.push(replies === 'nobody' ? 'No replies on Bluesky' : 'Some may reply on Bluesky');
  if (post.bluesky && !post.bluesky.allowQuotes) parts.push('No quotes on Bluesky');
  if (post.bluesky?.labels.length) parts.push(`Labels: ${post.bluesky.labels.join(', ')}`);
  if (post.mastodon?.quotePolicy) parts.push(`Mastodon quotes: ${post.mastodon.quotePolicy}`);
  return parts.length > 0 ? parts.join(' · ') : 'Networks’ defaults';
}

export function labelsSummary(post: Post): string {
  const parts = [post.campaign ? `Campaign ${post.campaign}` : null, post.pillar ? `Pillar ${post.pillar}` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'None';
}

export function evergreenSummary(post: Post): string {
  return post.evergreenDays === null ? 'Off: posts once' : `Every ${post.evergreenDays} days`;
}

export function experimentSummary(post: Post): string {
  if (!post.experiment) return 'Off';
  return `Arm ${post.experiment.arm}${post.experiment.question ? `: ${clip(post.experiment.question)}` : ''}`;
}

const clip = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
