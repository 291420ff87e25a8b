import type { ClipKind } from '@/lib/model';
import { listFacetValues } from '@/lib/store';
import { useLiveQuery } from '../common/store-context';
import { KIND_LABEL } from './kind-label';
import type { QueueFilterState, StatusChoice } from './queue-filters';

const STATUS_LABEL: Record<StatusChoice, string> = { active: 'New and used', new: 'New', used: 'Used', archived: 'Archived', all: 'Any status' };

/** The search box and the four filters; every change goes straight up, the search box is debounced by the view. */
export function QueueFilters({ value, onChange }: { value: QueueFilterState; onChange: (next: QueueFilterState) => void }) {
  const tags = useLiveQuery(['clips'], (store) => listFacetValues(store, 'tag'), []) ?? [];
  const sites = useLiveQuery(['clips'], (store) => listFacetValues(store, 'site'), []) ?? [];
  const set = <K extends keyof QueueFilterState>(key: K, next: QueueFilterState[K]) => onChange({ ...value, [key]: next });
  return (
    <form role="search" className="queue-filters" onSubmit={(event) => event.preventDefault()}>
      <input
        type="search"
        aria-label="Search clips"
        placeholder="Search title, text, notes, tags…"
        value={value.query}
        onChange={(event) => set('query', event.target.value)}
      />
      <select aria-label="Kind" value={value.kind} onChange={(event) => set('kind', event.target.value as ClipKind | '')}>
        <option value="">Any kind</option>
        {Object.entries(KIND_LABEL).map(([kind, label]) => (
          <option key={kind} value={kind}>
            {label}
          </option>
        ))}
      </select>
      <select aria-label="Status" value={value.status} onChange={(event) => set('status', event.target.value as StatusChoice)}>
        {Object.entries(STATUS_LABEL).map(([status, label]) => (
          <option key={status} value={status}>
            {label}
          </option>
        ))}
      </select>
      <select aria-label="Tag" value={value.tag} onChange={(event) => set('tag', event.target.value)}>
        <option value="">Any tag</option>
        {tags.map((tag) => (
          <option key={tag} value={tag}>
            #{tag}
          </option>
        ))}
      </select>
      <select aria-label="Site" value={value.site} onChange={(event) => set('site', event.target.value)}>
        <option value="">Any site</option>
        {sites.map((site) => (
          <option key={site} value={site}>
            {site}
          </option>
        ))}
      </select>
    </form>
  );
}
