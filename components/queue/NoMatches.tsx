import type { QueueFilterState } from './queue-filters';
import { Button } from '../ui/Button';

/** An empty result says what to try next, from the filters actually set. */
export function NoMatches({ filters, isDefault, onReset }: { filters: QueueFilterState; isDefault: boolean; onReset: () => void }) {
  const tips: string[] = [];
  if (filters.query.trim()) tips.push('Use fewer words, or the start of a word: “caf” finds “café”.');
  if (filters.status !== 'all') tips.push('Set Status to “Any status”: archived clips are hidden by default.');
  if (filters.kind || filters.tag || filters.site) tips.push('Set Kind, Tag and Site back to “Any”.');
  return (
    <section className="empty-state" aria-label="No matching clips">
      <h3>No clips match</h3>
      <ul className="empty-state__tips">
        {tips.map((tip) => (
          <li key={tip}>{tip}</li>
        ))}
      </ul>
      {isDefault ? null : (
        <Button type="button" onClick={onReset}>
          Clear search and filters
        </Button>
      )}
    </section>
  );
}
