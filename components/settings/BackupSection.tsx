import { useEffect, useState, type ChangeEvent } from 'react';
import { backupFileName } from '@/lib/backup/export';
import { describeSummary, parseBackup, type ImportSummary, type Problem } from '@/lib/backup/import';
import type { Workspace } from '@/lib/model';
import { errorText } from '../common/error-text';
import { useBackup } from '../data/backup';
import { Button } from '../ui/Button';
import { Checkbox } from '../ui/Checkbox';
import { Radio } from '../ui/Radio';
import { TextField } from '../ui/TextField';

type ImportState =
  | { step: 'idle' }
  | { step: 'reading' | 'checking' }
  | { step: 'writing'; done: number; total: number }
  | { step: 'rejected'; problems: Problem[] }
  | { step: 'done'; summary: ImportSummary }
  | { step: 'failed'; message: string };

/** Export all or one workspace to a JSON file; import one back after checking all of it. */
export function BackupSection({ workspace }: { workspace: Workspace | null }) {
  return (
    <section aria-labelledby="settings-backup">
      <h3 id="settings-backup">Backup</h3>
      <ExportForm workspace={workspace} />
      <ImportForm />
    </section>
  );
}

function ExportForm({ workspace }: { workspace: Workspace | null }) {
  const backup = useBackup();
  const [scope, setScope] = useState<'all' | 'workspace'>('all');
  const [withSignIns, setWithSignIns] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [download, setDownload] = useState<{ href: string; name: string; note: string } | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => () => (download ? URL.revokeObjectURL(download.href) : undefined), [download]);

  const run = async () => {
    setConfirming(false);
    setStatus('Preparing the file…');
    try {
      const { file, skipped } = await backup.exportFile({
        scope: scope === 'workspace' && workspace ? { kind: 'workspace', workspaceId: workspace.id, name: workspace.name } : { kind: 'all' },
        includeCredentials: withSignIns,
      });
      const href = URL.createObjectURL(new Blob([JSON.stringify(file, null, 1)], { type: 'application/json' }));
      const note = skipped.length ? ` ${skipped.length} damaged rows could not be included (they stay in Cadence, flagged).` : '';
      setDownload({ href, name: backupFileName(file), note });
      setStatus(`Your backup is ready.${note}`);
    } catch (error) {
      setStatus(errorText(error));
    }
  };
  return (
    <fieldset>
      <legend>Export</legend>
      <label>
        <Radio name="backup-scope" checked={scope === 'all'} onChange={() => setScope('all')} />
        Everything (all workspaces and settings)
      </label>
      <label>
        <Radio name="backup-scope" checked={scope === 'workspace'} disabled={!workspace} onChange={() => setScope('workspace')} />
        Only {workspace ? `“${workspace.name}”` : 'the active workspace'}
      </label>
      <label>
        <Checkbox checked={withSignIns} onChange={(event) => setWithSignIns(event.target.checked)} />
        Include account sign-ins
      </label>
      {confirming ? (
        <div role="alertdialog" aria-labelledby="signins-warning" className="confirm">
          <p id="signins-warning" className="warn">
            The file will hold the sign-ins of your accounts: anyone who gets it can post as them. Keep it somewhere private, or export without sign-ins and
            reconnect after importing.
          </p>
          <Button type="button" onClick={() => void run()}>
            Export with sign-ins
          </Button>
          <Button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button type="button" onClick={() => (withSignIns ? setConfirming(true) : void run())}>
          Export backup
        </Button>
      )}
      <p role="status" aria-live="polite">
        {status}
      </p>
      {download ? (
        <a href={download.href} download={download.name} data-testid="backup-download">
          Download {download.name}
        </a>
      ) : null}
    </fieldset>
  );
}

function ImportForm() {
  const backup = useBackup();
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setState({ step: 'reading' });
    try {
      const text = await file.text();
      setState({ step: 'checking' });
      const parsed = parseBackup(text);
      if (!parsed.ok) return setState({ step: 'rejected', problems: parsed.problems });
      // A failed nudge is not said: the maintenance alarm re-checks the publish alarm anyway.
      const { value: summary } = await backup.importFile(parsed.file, (done, total) => setState({ step: 'writing', done, total }));
      setState({ step: 'done', summary });
    } catch (error) {
      setState({ step: 'failed', message: `${errorText(error)} Nothing was imported.` });
    }
  };
  const busy = state.step === 'reading' || state.step === 'checking' || state.step === 'writing';
  return (
    <fieldset>
      <legend>Import</legend>
      <label>
        Backup file to import
        <TextField type="file" accept="application/json,.json" disabled={busy} onChange={(event) => void onFile(event)} aria-describedby="import-help" />
      </label>
      <p id="import-help" className="help">
        The whole file is checked first; if anything is wrong, nothing changes. Rows already here are kept unless the file’s copy is newer.
      </p>
      <div role="status" aria-live="polite" data-testid="import-status">
        {state.step === 'reading' ? 'Reading the file…' : null}
        {state.step === 'checking' ? 'Checking every row…' : null}
        {state.step === 'writing' ? (
          <>
            Importing… <progress value={state.done} max={state.total} aria-label="Import progress" /> {state.done} of {state.total}
          </>
        ) : null}
        {state.step === 'done' ? <ImportDone summary={state.summary} /> : null}
      </div>
      {state.step === 'rejected' ? (
        <div role="alert" data-testid="import-problems">
          <p>This file was not imported, and nothing changed. First problems found:</p>
          <ul>
            {state.problems.map((problem, i) => (
              <li key={i}>
                <code>{problem.path}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {state.step === 'failed' ? <p role="alert">{state.message}</p> : null}
    </fieldset>
  );
}

function ImportDone({ summary }: { summary: ImportSummary }) {
  return (
    <>
      <p>Import finished: {describeSummary(summary)}</p>
      <ul className="help">
        {Object.entries(summary)
          .flatMap(([store, counts]) => (typeof counts === 'object' ? [[store, counts] as const] : []))
          .map(([store, counts]) => (
            <li key={store}>
              {store}: {counts.added} added, {counts.updated} updated, {counts.skipped} skipped
            </li>
          ))}
      </ul>
    </>
  );
}
