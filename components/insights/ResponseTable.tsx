import type { ResponseTime } from '@/lib/analytics/response-time';
import type { Account } from '@/lib/model';
import { formatMinutes } from './format';

/** How fast each account answered what its inbox received in the range (lib/analytics/response-time.ts). */
export function ResponseTable({ perAccount, accounts }: { perAccount: ResponseTime[]; accounts: Account[] }) {
  if (perAccount.length === 0) return <p className="muted">No mentions or replies received in this range.</p>;
  const handle = (id: string) => accounts.find((a) => a.id === id)?.handle ?? id;
  return (
    <table data-testid="response-table">
      <caption className="visually-hidden">Response time per account</caption>
      <thead>
        <tr>
          <th scope="col">Account</th>
          <th scope="col">Median time to reply</th>
          <th scope="col">Replied</th>
          <th scope="col">Unanswered</th>
        </tr>
      </thead>
      <tbody>
        {perAccount.map((r) => (
          <tr key={r.accountId}>
            <th scope="row">{handle(r.accountId)}</th>
            <td>{formatMinutes(r.medianMinutes)}</td>
            <td>{r.replied}</td>
            <td>{r.unanswered}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
