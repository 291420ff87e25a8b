import type { InboxItem } from '../model';

/**
 * Response time per account: the median minutes from a mention (its `createdAt` on the network)
 * to our reply (`repliedAt`). Items never answered do not count; an account with no answered
 * item is absent. The median, not the mean: one reply a week late should not hide a team that
 * usually answers in minutes. Insights shows this.
 */
export function responseTimes(items: readonly Pick<InboxItem, 'accountId' | 'createdAt' | 'repliedAt'>[]): Map<string, { medianMinutes: number; answered: number }> {
  const byAccount = new Map<string, number[]>();
  for (const item of items) {
    if (item.repliedAt === null) continue;
    const minutes = Math.max(0, item.repliedAt - item.createdAt) / 60_000;
    byAccount.set(item.accountId, [...(byAccount.get(item.accountId) ?? []), minutes]);
  }
  return new Map([...byAccount].map(([accountId, minutes]) => [accountId, { medianMinutes: median(minutes), answered: minutes.length }]));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
