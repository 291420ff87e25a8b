import { chooseAccount } from '@/lib/compose/post-draft';
import type { Account, Clip, Post } from '@/lib/model';
import { Checkbox } from '../ui/Checkbox';

interface Props {
  accounts: Account[];
  post: Post;
  clip: Clip | null;
  edit: (change: (post: Post) => Post) => void;
  /** Unticking: cancels a delivery still waiting for the account before its text goes (use-untick.ts). */
  onUntick: (account: Account) => void;
}

export function AccountPicker({ accounts, post, clip, edit, onUntick }: Props) {
  return (
    <fieldset className="compose__accounts">
      <legend>Post to</legend>
      {accounts.map((account) => {
        const isChosen = post.variants.some((variant) => variant.accountId === account.id);
        return (
          <label key={account.id} className="compose__account">
            <Checkbox checked={isChosen} onChange={() => (isChosen ? onUntick(account) : edit((current) => chooseAccount(current, account, clip)))} />
            <span>@{account.handle}</span> <span className="muted">({account.network})</span>
            {account.status === 'disconnected' ? <span className="warn"> — reconnect in Settings</span> : null}
          </label>
        );
      })}
    </fieldset>
  );
}
