import type { Row } from '../data/rows';

/** Rows that failed validation are shown, not hidden: the user's data is never silently lost. */
export function FlaggedRows({ rows, what }: { rows: Row<unknown>[]; what: string }) {
  const flagged = rows.filter((row): row is Extract<Row<unknown>, { ok: false }> => !row.ok);
  if (flagged.length === 0) return null;
  return (
    <details className="flagged" role="alert">
      <summary>
        {flagged.length} stored {what} could not be read. They are kept unchanged.
      </summary>
      <ul>
        {flagged.map((row) => (
          <li key={row.key}>
            <code>{row.key}</code>: {row.reason}
          </li>
        ))}
      </ul>
    </details>
  );
}
