import type { ClipKind } from '@/lib/model';
import { useClipFacets } from '../data/clips';
import { KIND_LABEL } from './kind-label';
import type { QueueFilterState, StatusChoice } from './queue-filters';
import { Select } from '../ui/Select';
import { TextField } from '../ui/TextField';

/** A select with more choices than this is no use; the search box finds the rest. */
const MAX_CHOICES = 500;
const format = new Intl.NumberFormat('en');
const STATUS_LABEL: Record<StatusChoice, string> = { active: 'New and used', new: 'New', used: 'Used', archived: 'Archived', all: 'Any status' };

/** The search box and the four filters; every change goes straight up (the view searches on every keystroke). */
export function QueueFilters({ value, onChange }: { value: QueueFilterState; onChange: (next: QueueFilterState) => void }) {
  // From the tally kept with the clips: two lists with their counts in one small read.
  const facets = useClipFacets(MAX_CHOICES);
  const set = <K extends keyof QueueFilterState>(key: K, next: QueueFilterState[K]) => onChange({ ...value, [key]: next });
  return (
    <form role="search" className="queue-filters" onSubmit={(event) => event.preventDefault()}>
      <TextField
        type="search"
        aria-label="Search clips"
        placeholder="Search title, text, notes, tags…"
        value={value.query}
        onChange={(event) => set('query', event.target.value)}
      />
      <FilterSelect
        label="Kind"
        value={value.kind}
        onChange={(kind) => set('kind', kind as ClipKind | '')}
        anyLabel="Any kind"
        options={Object.entries(KIND_LABEL)}
      />
      <FilterSelect label="Status" value={value.status} onChange={(status) => set('status', status as StatusChoice)} options={Object.entries(STATUS_LABEL)} />
      <FilterSelect
        label="Tag"
        value={value.tag}
        onChange={(tag) => set('tag', tag)}
        anyLabel="Any tag"
        options={(facets?.tags ?? []).map(([tag, count]) => [tag, `#${tag} (${format.format(count)})`])}
      />
      <FilterSelect
        label="Site"
        value={value.site}
        onChange={(site) => set('site', site)}
        anyLabel="Any site"
        options={(facets?.sites ?? []).map(([site, count]) => [site, `${site} (${format.format(count)})`])}
      />
    </form>
  );
}

/** One labelled filter; `anyLabel` adds the "no filter" choice with the empty value. */
function FilterSelect(props: { label: string; value: string; onChange: (value: string) => void; options: [string, string][]; anyLabel?: string }) {
  return (
    <Select aria-label={props.label} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
      {props.anyLabel ? <option value="">{props.anyLabel}</option> : null}
      {props.options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </Select>
  );
}
