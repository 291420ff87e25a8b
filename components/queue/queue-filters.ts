import type { Clip, ClipKind } from '@/lib/model';
import type { ClipFilters } from '../data/rows';

/** What the filter bar holds. `active` (new and used) is the default: archived clips are done with. */
export type StatusChoice = 'active' | Clip['status'] | 'all';

export interface QueueFilterState {
  query: string;
  kind: ClipKind | '';
  status: StatusChoice;
  tag: string;
  site: string;
}

export const DEFAULT_FILTERS: QueueFilterState = { query: '', kind: '', status: 'active', tag: '', site: '' };

const STATUSES: Record<StatusChoice, Clip['status'][]> = {
  active: ['new', 'used'],
  new: ['new'],
  used: ['used'],
  archived: ['archived'],
  all: [],
};

export function toClipFilters(state: QueueFilterState): ClipFilters {
  return {
    kind: state.kind || undefined,
    statuses: STATUSES[state.status],
    tag: state.tag || undefined,
    site: state.site || undefined,
  };
}

export function isDefault(state: QueueFilterState): boolean {
  return state.query.trim() === '' && state.kind === '' && state.status === 'active' && state.tag === '' && state.site === '';
}

/** Tags as typed: "#Launch, coffee  launch" becomes ["launch", "coffee"]. */
export function parseTags(input: string): string[] {
  const tags = input
    .split(/[,\s]+/)
    .map((tag) => tag.replace(/^#+/, '').trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(tags)].slice(0, 30);
}
