import { chooseAccount, dropAccount } from '@/lib/compose/post-draft';
import type { Account, Clip, Post } from '@/lib/model';

export function AccountPicker({ accounts, post, clip, edit }: { accounts: Account[]; post: Post; clip: Clip | null; edit: (change: (post: Post) => Post) => void }) {
  return (
    <fieldset className="compose__accounts">
      <legend>Post to</legend>
      {accounts.map((account) => {
        const isChosen = post.variants.some((variant) => variant.accountId === account.id);
        return (
          <label key={account.id} className="compose__account">
            <input
              type="checkbox"
              checked={isChosen}
              onChange={() => edit((current) => (isChosen ? dropAccount(current, account.id) : chooseAccount(current, account, clip)))}
            />
            <span>@{account.handle}</span> <span className="muted">({account.network})</span>
            {account.status === 'disconnected' ? <span className="warn"> — reconnect in Settings</span> : null}
          </label>
        );
      })}
    </fieldset>
  );
}
