import type { Account, Workspace } from '@/lib/model';
import type { InsightsQuery } from './use-insights';
import { Select } from '../ui/Select';
import { TextField } from '../ui/TextField';

export function InsightsFilters({
  query,
  workspaces,
  accounts,
  onChange,
}: {
  query: InsightsQuery;
  workspaces: Workspace[];
  accounts: Account[];
  onChange: (next: InsightsQuery) => void;
}) {
  return (
    <form className="insights-filters" aria-label="Insights filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        Workspace
        <Select value={query.workspaceId} onChange={(e) => onChange({ ...query, workspaceId: e.target.value, accountId: null })}>
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </Select>
      </label>
      <label>
        Account
        <Select value={query.accountId ?? ''} onChange={(e) => onChange({ ...query, accountId: e.target.value || null })}>
          <option value="">All accounts</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.handle} ({a.network})
            </option>
          ))}
        </Select>
      </label>
      <label>
        From
        <TextField type="date" value={query.from} max={query.to} onChange={(e) => e.target.value && onChange({ ...query, from: e.target.value })} />
      </label>
      <label>
        To
        <TextField type="date" value={query.to} min={query.from} onChange={(e) => e.target.value && onChange({ ...query, to: e.target.value })} />
      </label>
    </form>
  );
}
