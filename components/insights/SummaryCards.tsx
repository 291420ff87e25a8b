import type { Insights } from '@/lib/analytics/insights';
import { formatMinutes, formatNumber, formatSigned } from './format';

export function SummaryCards({ totals }: { totals: Insights['totals'] }) {
  const cards = [
    { label: 'Posts published', value: formatNumber(totals.posts), note: totals.measured < totals.posts ? `${totals.measured} measured so far` : null },
    { label: 'Engagements', value: formatNumber(totals.engagements), note: 'likes, reposts, replies, quotes' },
    { label: 'Follower change', value: formatSigned(totals.followerChange), note: totals.followerChange === null ? 'needs two daily readings' : null },
    {
      label: 'Median response time',
      value: formatMinutes(totals.medianResponseMinutes),
      note: totals.replied ? `${totals.replied} ${totals.replied === 1 ? 'reply' : 'replies'}` : 'no replies yet',
    },
  ];
  return (
    <dl className="summary-cards" data-testid="summary-cards">
      {cards.map((card) => (
        <div className="summary-card" key={card.label}>
          <dt>{card.label}</dt>
          <dd>
            <span className="summary-card__value">{card.value}</span>
            {card.note ? <span className="summary-card__note">{card.note}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
