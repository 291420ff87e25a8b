import type { Account, Delivery, MetricSample, Workspace } from '../model';
import type { Store } from '../store';
import { bestTimes, type BestTimes } from './best-time';
import { publishedDeliveries, samplesOf } from './load';
import { publishedPosts } from './published';

export interface AccountBestTimes {
  accountId: string;
  result: BestTimes;
}

/**
 * Best times of each account from its whole published history, whatever range a view shows.
 * Only accounts that publish through an API are measured (a reminder post's numbers are never
 * read), so the others get no entry rather than a "not enough data" that would never change.
 */
export function bestTimesOf(accounts: readonly Account[], history: Delivery[], samples: MetricSample[], zone: string): AccountBestTimes[] {
  const items = publishedPosts(history, [], samples, { from: -Infinity, to: Infinity });
  return accounts
    .filter((account) => account.publishMode === 'api')
    .map((account) => {
      const own = samples.filter((sample) => sample.accountId === account.id);
      return {
        accountId: account.id,
        result: bestTimes(
          items.filter((item) => item.delivery.accountId === account.id),
          zone,
          {},
          own,
        ),
      };
    });
}

/** The same, read from IndexedDB for the schedule editor and the calendar. */
export async function loadBestTimes(store: Store, workspace: Workspace, accounts: readonly Account[]): Promise<AccountBestTimes[]> {
  const mine = accounts.filter((account) => account.workspaceId === workspace.id && account.publishMode === 'api');
  if (mine.length === 0) return [];
  const [history, samples] = await Promise.all([publishedDeliveries(store, workspace.id), samplesOf(store, mine)]);
  return bestTimesOf(mine, history, samples, workspace.timeZone);
}
