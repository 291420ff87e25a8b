import { chooseAccount } from '@/lib/compose/post-draft';
import type { Account, Clip, Post } from '@/lib/model';
import { NETWORK_NAMES } from '@/lib/model/network-names';
import { Avatar } from '../ui/Avatar';
import { Checkbox } from '../ui/Checkbox';
import { classNames } from '../ui/class-names';

interface Props {
  accounts: Account[];
  post: Post;
  clip: Clip | null;
  edit: (change: (post: Post) => Post) => void;
  /** Unticking: cancels a delivery still waiting for the account before its text goes (use-untick.ts). */
  onUntick: (account: Account) => void;
}

/**
 * The accounts as avatar chips at the top of Compose (issue 24). Each chip is a label around a native
 * checkbox that covers it, so Tab reaches it, Space toggles it and a screen reader hears "@handle on
 * Bluesky, checkbox, checked"; the handle comes first in the label so its name starts with it.
 */
export function AccountPicker({ accounts, post, clip, edit, onUntick }: Props) {
  return (
    <fieldset className="compose__accounts">
      <legend className="visually-hidden">Post to</legend>
      {accounts.map((account) => {
        const isChosen = post.variants.some((variant) => variant.accountId === account.id);
        const isDisconnected = account.status === 'disconnected';
        return (
          <label key={account.id} className={classNames('compose__account', isChosen && 'compose__account--on', isDisconnected && 'compose__account--warn')}>
            <Checkbox
              className="compose__account-box"
              checked={isChosen}
              onChange={() => (isChosen ? onUntick(account) : edit((current) => chooseAccount(current, account, clip)))}
            />
            <span className="compose__account-handle">@{account.handle}</span>
            <Avatar name={account.displayName || null} handle={account.handle} network={account.network} src={account.avatarUrl} size={26} />
            <span className="visually-hidden"> on {NETWORK_NAMES[account.network]}</span>
            {isDisconnected ? <span className="warn"> — reconnect in Settings</span> : null}
          </label>
        );
      })}
    </fieldset>
  );
}
