import type { ExperimentResult } from '@/lib/analytics/experiments';

/** Each experiment's arms and its verdict, in words that do not claim more than the data holds. */
export function ExperimentList({ experiments }: { experiments: ExperimentResult[] }) {
  if (experiments.length === 0) {
    return (
      <p className="muted">
        No A/B experiments with measured posts in this range. To start one, choose “Make this an A/B test” in Compose, then “Write arm B” for the variant to
        compare, and queue both.
      </p>
    );
  }
  return (
    <>
      <p className="help">
        Engagement rate = engagements ÷ followers when the post went out (neither network reports impressions). Verdicts use a two-proportion test and need at
        least 10 engagements per arm.
      </p>
      {experiments.map((experiment) => (
        <article key={experiment.id} className="experiment" data-testid="experiment">
          <h4 className="experiment__question">{experiment.question.trim() || 'A/B test'}</h4>
          <table>
            <thead>
              <tr>
                <th scope="col">Arm</th>
                <th scope="col">Posts</th>
                <th scope="col">Engagements</th>
                <th scope="col">Followers reached</th>
                <th scope="col">Rate</th>
              </tr>
            </thead>
            <tbody>
              {experiment.arms.map((arm) => (
                <tr key={arm.arm}>
                  <th scope="row">{arm.arm}</th>
                  <td>{arm.posts}</td>
                  <td>{arm.engagements}</td>
                  <td>{arm.reach ?? '—'}</td>
                  <td>{arm.rate === null ? '—' : `${(arm.rate * 100).toFixed(2)}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className={`experiment__verdict experiment__verdict--${experiment.verdict.kind}`}>{experiment.statement}</p>
        </article>
      ))}
    </>
  );
}
