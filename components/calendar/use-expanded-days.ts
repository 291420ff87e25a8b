import { useCallback, useState } from 'react';

const NONE: ReadonlySet<string> = new Set();

/**
 * Which days of the month view show all their posts. Kept by local date, so a day stays open
 * while live data changes (a post moved in or out, a publish); forgotten as soon as `range`
 * changes (another month, or the week view), and not brought back on returning to it.
 */
export function useExpandedDays(range: string) {
  const [state, setState] = useState<{ range: string; dates: ReadonlySet<string> }>({ range, dates: NONE });
  // React's pattern for resetting state when a prop changes: set it during render, no effect, no stale frame.
  if (state.range !== range) setState({ range, dates: NONE });
  const setExpanded = useCallback(
    (date: string, isExpanded: boolean) =>
      setState((current) => {
        const next = new Set(current.range === range ? current.dates : NONE);
        if (isExpanded) next.add(date);
        else next.delete(date);
        return { range, dates: next };
      }),
    [range],
  );
  return { isExpanded: (date: string) => state.dates.has(date), setExpanded };
}
