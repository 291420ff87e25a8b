import type { PublishedPost } from '@/lib/analytics/published';
import type { Account } from '@/lib/model';
import { shownWords } from '@/lib/schedule/shown-words';
import { safeHref } from '../queue/safe-href';
import { countWords, formatNumber } from './format';
import { formatWhen } from './format-dates';

export function TopPosts({ top, accounts, zone }: { top: PublishedPost[]; accounts: Account[]; zone: string }) {
  if (top.length === 0) return <p className="muted">No posts published in this range.</p>;
  const handle = (id: string) => accounts.find((a) => a.id === id)?.handle ?? id;
  return (
    <ol className="top-posts" data-testid="top-posts">
      {top.map((item) => {
        const href = item.delivery.remote ? safeHref(item.delivery.remote.url) : undefined;
        const words = shownWords(item.delivery, item.post);
        const text = words.parts[0] || '(no text)';
        return (
          <li key={item.delivery.id}>
            <p className="top-posts__text">
              {href ? (
                <a href={href} target="_blank" rel="noreferrer">
                  {text}
                </a>
              ) : (
                text
              )}
            </p>
            <p className="top-posts__meta">
              <strong>{formatNumber(item.engagement)}</strong> engagements
              {item.latest
                ? ` (${Object.entries(item.latest.counts)
                    .map(([key, count]) => countWords(count, key))
                    .join(', ')})`
                : ' — not measured yet'}{' '}
              · {handle(item.delivery.accountId)} · {formatWhen(item.delivery.publishedAt, zone)}
              {words.isEditedSince ? ' · edited since it was posted; shown as it went out' : null}
            </p>
          </li>
        );
      })}
    </ol>
  );
}
