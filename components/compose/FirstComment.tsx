import { setFirstComment } from '@/lib/compose/post-draft';
import { API_NETWORKS, type Account, type Post } from '@/lib/model';
import { NETWORK_NAMES } from '@/lib/model/network-names';
import { TextArea } from '../ui/TextArea';

interface Props {
  post: Post;
  accounts: Account[];
  edit: (change: (post: Post) => Post) => void;
}

/**
 * A first comment per account (issue 22): the publisher sends it as a reply to the post right
 * after it, exactly once (lib/publish/build-input.ts). Only networks Cadence publishes to itself
 * can carry one; a reminder opens a share page that takes one post.
 */
export function FirstComment({ post, accounts, edit }: Props) {
  const able = accounts.filter((account) => API_NETWORKS.includes(account.network) && account.publishMode === 'api');
  if (able.length === 0) return null;
  const textOf = (account: Account) => post.firstComments?.find((comment) => comment.accountId === account.id)?.text ?? '';
  return (
    <div className="compose__first-comment">
      <p className="muted">Posted as a reply to the post right after it goes out.</p>
      {able.map((account) => (
        <label key={account.id}>
          First comment on @{account.handle} ({NETWORK_NAMES[account.network]})
          <TextArea
            rows={2}
            value={textOf(account)}
            data-testid={`first-comment-${account.id}`}
            onChange={(event) => edit((p) => setFirstComment(p, account.id, event.target.value))}
          />
        </label>
      ))}
    </div>
  );
}
