import type { InboxItem } from '../model';
import type { Range } from './published';

export interface ResponseTime {
  accountId: string;
  /** Median minutes from an item's arrival on the network (createdAt) to our reply (repliedAt). */
  medianMinutes: number | null;
  replied: number;
  /** Items in the range still without a reply (not part of the median). */
  unanswered: number;
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Per account, for items created inside `range`; plus `all` across the accounts given. */
export function responseTimes(items: InboxItem[], range: Range): { perAccount: ResponseTime[]; all: ResponseTime } {
  const inRange = items.filter((item) => item.createdAt >= range.from && item.createdAt < range.to);
  const summarise = (accountId: string, group: InboxItem[]): ResponseTime => {
    const minutes = group.filter((item) => item.repliedAt !== null).map((item) => Math.max(0, item.repliedAt! - item.createdAt) / 60_000);
    return { accountId, medianMinutes: median(minutes), replied: minutes.length, unanswered: group.length - minutes.length };
  };
  const byAccount = new Map<string, InboxItem[]>();
  for (const item of inRange) byAccount.set(item.accountId, [...(byAccount.get(item.accountId) ?? []), item]);
  return {
    perAccount: [...byAccount].map(([accountId, group]) => summarise(accountId, group)).sort((a, b) => a.accountId.localeCompare(b.accountId)),
    all: summarise('*', inRange),
  };
}
