import type { PlannedPost } from '@/lib/bulk/check-plan';

const MAX_SHOWN = 200;

/** The rows of a CSV before import: each row's time, accounts, text and problems; rows with problems first. */
export function BulkPreview({ plan }: { plan: readonly PlannedPost[] }) {
  const bad = plan.filter((row) => row.problems.length > 0);
  const shown = [...bad, ...plan.filter((row) => row.problems.length === 0)].slice(0, MAX_SHOWN);
  return (
    <div className="bulk-preview">
      <table data-testid="bulk-preview">
        <caption>
          {plan.length} row{plan.length === 1 ? '' : 's'}, {bad.length} with problems
          {plan.length > MAX_SHOWN ? ` (the first ${MAX_SHOWN} shown, problems first)` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Time</th>
            <th scope="col">Accounts</th>
            <th scope="col">Text</th>
            <th scope="col">Problems</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.line} data-line={row.line} className={row.problems.length ? 'bulk-preview__bad' : undefined}>
              <td>{row.line}</td>
              <td>{row.when}</td>
              <td>{row.accounts.map((account) => `@${account.handle}`).join(' ')}</td>
              <td>{row.post.text.slice(0, 120)}</td>
              <td>
                {row.problems.length ? (
                  <ul>
                    {row.problems.map((problem) => (
                      <li key={problem}>{problem}</li>
                    ))}
                  </ul>
                ) : (
                  'OK'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
