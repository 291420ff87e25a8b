import { useState, type ChangeEvent } from 'react';
import type { PlannedPost } from '@/lib/bulk/check-plan';
import type { Account, Workspace } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useBulkPosts } from '../data/bulk';
import { BulkPreview } from './BulkPreview';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';

/**
 * Above the calendar: "Import CSV…" reads a file of posts and shows every row with its problems;
 * nothing is written until "Import N posts", which writes all of them or none. "Export CSV" saves
 * the plan, posts × accounts, with states, network addresses and latest metrics.
 */
export function BulkTools({ workspace, accounts }: { workspace: Workspace; accounts: Account[] }) {
  const bulk = useBulkPosts(workspace, accounts);
  const [plan, setPlan] = useState<PlannedPost[] | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [download, setDownload] = useState<{ url: string; name: string } | null>(null);
  const bad = plan?.filter((row) => row.problems.length > 0).length ?? 0;

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setPlan(null);
    try {
      const checked = bulk.check(await file.text());
      setPlan(checked);
      setStatus(
        checked.some((row) => row.problems.length)
          ? `${file.name}: fix the rows with problems, then choose the file again. Nothing was imported.`
          : `${file.name}: ${checked.length} posts ready. Nothing is written until you import them.`,
      );
    } catch (failure) {
      setStatus(failure instanceof Error ? failure.message : errorText(failure));
    }
  };
  const confirm = async () => {
    if (!plan) return;
    setBusy(true);
    try {
      const { value, nudgeFailed } = await bulk.importChecked(plan);
      setPlan(null);
      setStatus(`Imported ${value.posts} posts: ${value.deliveries.length} scheduled.${nudgeFailed ? ` ${nudgeFailed}` : ''}`);
    } catch (failure) {
      setStatus(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  const exportCsv = async () => {
    const csv = await bulk.exportCsv();
    if (download) URL.revokeObjectURL(download.url);
    const next = {
      url: URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' })),
      name: `cadence-plan-${workspace.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.csv`,
    };
    setDownload(next);
    const link = document.createElement('a');
    link.href = next.url;
    link.download = next.name;
    link.click();
    setStatus(`Exported the plan of ${workspace.name}.`);
  };

  return (
    <section className="bulk-tools" aria-label="Bulk posts">
      <p>
        <label className="button">
          Import CSV…{' '}
          <TextField type="file" accept=".csv,text/csv" className="visually-hidden" data-testid="bulk-file" onChange={(event) => void choose(event)} />
        </label>{' '}
        <Button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </Button>{' '}
        {download ? (
          <a href={download.url} download={download.name} data-testid="plan-csv">
            {download.name}
          </a>
        ) : null}
      </p>
      <p role="status" aria-live="polite" data-testid="bulk-status">
        {status}
      </p>
      {plan ? (
        <>
          <BulkPreview plan={plan} />
          <p>
            <Button type="button" disabled={busy || bad > 0 || plan.length === 0} onClick={() => void confirm()}>
              {busy ? 'Importing…' : `Import ${plan.length} posts`}
            </Button>{' '}
            <Button type="button" onClick={() => setPlan(null)}>
              Cancel
            </Button>
          </p>
        </>
      ) : null}
    </section>
  );
}
