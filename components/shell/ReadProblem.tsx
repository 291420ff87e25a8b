import { errorText } from '../common/error-text';
import { useReadProblem } from '../data/store-context';
import { Button } from '../ui/Button';

/**
 * Said once for the whole panel when a view cannot read its data: what is on screen may be out
 * of date, and what to do. Gone by itself when the read next succeeds.
 */
export function ReadProblem({ view }: { view?: string }) {
  const error = useReadProblem();
  if (error === null) return null;
  const what = view
    ? `${view} could not read its data, so what it shows may be out of date or missing.`
    : 'Cadence could not read part of your data, so what you see may be out of date.';
  return (
    <div className="read-problem" role="alert" data-testid="read-problem">
      <p>
        {what} {errorText(error)} Nothing has been deleted: reloading the side panel usually mends it, and Settings → Backup can export everything first.
      </p>
      <Button type="button" onClick={() => location.reload()}>
        Reload the side panel
      </Button>
    </div>
  );
}
