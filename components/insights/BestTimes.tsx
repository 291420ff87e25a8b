import type { Insights } from '@/lib/analytics/insights';
import type { Account } from '@/lib/model';
import { measureWords, shortfallText, slotWords } from './best-time-words';
import { Button } from '../ui/Button';

/** Suggested posting slots per account from its own history, or an honest "not enough data yet". */
export function BestTimes({
  bestTimes,
  accounts,
  onUse,
}: {
  bestTimes: Insights['bestTimes'];
  accounts: Account[];
  onUse?: (account: Account, slots: Account['schedule']) => void;
}) {
  if (bestTimes.length === 0) return <p className="muted">Best times need an account that publishes through its API (Bluesky, Mastodon).</p>;
  return (
    <ul className="best-times" data-testid="best-times">
      {bestTimes.map(({ accountId, result }) => {
        const account = accounts.find((a) => a.id === accountId)!;
        return (
          <li key={accountId}>
            <strong>{account.handle}</strong>:{' '}
            {result.status === 'not-enough-data' ? (
              <span>Not enough data yet — {shortfallText(result)}.</span>
            ) : (
              <>
                <span>{result.slots.map(slotWords).join(', ')}</span>
                <span className="muted">
                  {' '}
                  (from {result.measuredPosts} measured posts, {measureWords(result.measure)})
                </span>
                {onUse ? (
                  <Button type="button" className="link-button" onClick={() => onUse(account, result.slots)}>
                    Use as posting schedule
                  </Button>
                ) : null}
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
