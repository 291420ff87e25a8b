import type { ReactNode } from 'react';

/** The text alternative of a chart: a real table, collapsed under the chart unless `open`. */
export function DataTable({
  caption,
  head,
  rows,
  open = false,
  testId,
}: {
  caption: string;
  head: string[];
  rows: ReactNode[][];
  open?: boolean;
  testId?: string;
}) {
  return (
    <details className="data-table" open={open}>
      <summary>{caption} as a table</summary>
      <table data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
