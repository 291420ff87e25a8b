import type { Account } from '@/lib/model';
import type { InboxFilterState } from './inbox-filters';
import { Select } from '../ui/Select';

const KINDS = [
  ['mention', 'Mentions'],
  ['reply', 'Replies'],
  ['quote', 'Quotes'],
  ['direct', 'Direct'],
] as const;
const STATES = [
  ['open', 'Open'],
  ['snoozed', 'Snoozed'],
  ['done', 'Done'],
] as const;

export function InboxFilters({
  value,
  accounts,
  labels,
  onChange,
}: {
  value: InboxFilterState;
  accounts: Account[];
  labels: string[];
  onChange: (next: InboxFilterState) => void;
}) {
  const set = <K extends keyof InboxFilterState>(key: K, next: InboxFilterState[K]) => onChange({ ...value, [key]: next });
  return (
    <form className="inbox-filters" aria-label="Inbox filters" onSubmit={(event) => event.preventDefault()}>
      <Select aria-label="Account" value={value.accountId} onChange={(event) => set('accountId', event.target.value)}>
        <option value="">All accounts</option>
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            @{account.handle} ({account.network})
          </option>
        ))}
      </Select>
      <Select aria-label="Kind" value={value.kind} onChange={(event) => set('kind', event.target.value as InboxFilterState['kind'])}>
        <option value="">Any kind</option>
        {KINDS.map(([kind, label]) => (
          <option key={kind} value={kind}>
            {label}
          </option>
        ))}
      </Select>
      <Select aria-label="State" value={value.state} onChange={(event) => set('state', event.target.value as InboxFilterState['state'])}>
        <option value="">Any state</option>
        {STATES.map(([state, label]) => (
          <option key={state} value={state}>
            {label}
          </option>
        ))}
      </Select>
      <Select aria-label="Label" value={value.label} onChange={(event) => set('label', event.target.value)}>
        <option value="">Any label</option>
        {labels.map((label) => (
          <option key={label} value={label}>
            {label}
          </option>
        ))}
      </Select>
    </form>
  );
}
