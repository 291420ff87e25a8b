import type { Account, Workspace } from '@/lib/model';
import type { InsightsQuery } from './use-insights';

export function InsightsFilters({ query, workspaces, accounts, onChange }: { query: InsightsQuery; workspaces: Workspace[]; accounts: Account[]; onChange: (next: InsightsQuery) => void }) {
  return (
    <form className="insights-filters" aria-label="Insights filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        Workspace
        <select value={query.workspaceId} onChange={(e) => onChange({ ...query, workspaceId: e.target.value, accountId: null })}>
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Account
        <select value={query.accountId ?? ''} onChange={(e) => onChange({ ...query, accountId: e.target.value || null })}>
          <option value="">All accounts</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.handle} ({a.network})
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" value={query.from} max={query.to} onChange={(e) => e.target.value && onChange({ ...query, from: e.target.value })} />
      </label>
      <label>
        To
        <input type="date" value={query.to} min={query.from} onChange={(e) => e.target.value && onChange({ ...query, to: e.target.value })} />
      </label>
    </form>
  );
}
