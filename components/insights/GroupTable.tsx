import { useState } from 'react';
import type { GroupRow } from '@/lib/analytics/aggregate';
import type { Insights } from '@/lib/analytics/insights';
import { Radio } from '../ui/Radio';

const LABELS = { campaign: 'Campaign', pillar: 'Pillar', utm: 'UTM campaign' } as const;

/** Posts, engagement and engagement per post for each campaign, pillar or UTM campaign. */
export function GroupTable({ groups }: { groups: Insights['groups'] }) {
  const [by, setBy] = useState<keyof typeof LABELS>('campaign');
  const rows: GroupRow[] = groups[by];
  return (
    <div className="group-table">
      <div role="radiogroup" aria-label="Group posts by" className="segmented">
        {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((key) => (
          <label key={key}>
            <Radio name="group-by" checked={by === key} onChange={() => setBy(key)} /> {LABELS[key]}
          </label>
        ))}
      </div>
      {rows.length === 0 ? (
        <p className="muted">No posts published in this range.</p>
      ) : (
        <table data-testid="group-table">
          <thead>
            <tr>
              <th scope="col">{LABELS[by]}</th>
              <th scope="col">Posts</th>
              <th scope="col">Engagements</th>
              <th scope="col">Per post</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.key}</th>
                <td>{row.posts}</td>
                <td>{row.engagement}</td>
                <td>{row.perPost.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
