import { outgoingComment, outgoingParts } from '@/lib/compose/post-draft';
import type { Account, Post } from '@/lib/model';
import { methodFor } from '@/lib/schedule/delivery-rows';
import { Checkbox } from '../ui/Checkbox';

export const HAND_OFF_LABEL = "Publish from Mastodon's server (works with the browser closed)";

/**
 * The hand-off can take only one post, on one Mastodon account Cadence publishes to itself:
 * the server holds a single status (no thread), and a reply's target is the browser's to find
 * (lib/networks/mastodon/publish.ts). Null when the choice does not apply to this post.
 */
export function handOffAccount(post: Post | null, accounts: readonly Account[]): Account | null {
  const [only] = accounts;
  if (!post || accounts.length !== 1 || !only || only.network !== 'mastodon' || methodFor(only) !== 'api') return null;
  if (post.replyTo || outgoingParts(post, only).length !== 1 || outgoingComment(post, only) !== null) return null;
  return only;
}

interface Props {
  post: Post | null;
  accounts: readonly Account[];
  isChecked: boolean;
  onChange: (isChecked: boolean) => void;
}

/** The choice beside Schedule at…, offered only where a hand-off can work. */
export function HandOffChoice({ post, accounts, isChecked, onChange }: Props) {
  const account = handOffAccount(post, accounts);
  if (!account) return null;
  return (
    <label className="compose__hand-off">
      <Checkbox checked={isChecked} onChange={(event) => onChange(event.target.checked)} />
      {HAND_OFF_LABEL}
      <span className="muted"> — @{account.handle}'s server publishes it at the time you pick, at least 5 minutes ahead.</span>
    </label>
  );
}
