import { chooseAccount } from '@/lib/compose/post-draft';
import type { Account, Clip, Post } from '@/lib/model';

/** A new post goes to every connected account of the workspace until the user unticks one. */
export function chooseAll(post: Post, accounts: readonly Account[], clip: Clip | null): Post {
  return accounts.filter((account) => account.status === 'connected').reduce((draft, account) => chooseAccount(draft, account, clip), post);
}
