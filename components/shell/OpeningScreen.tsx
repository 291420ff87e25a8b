import type { UpgradeProgress } from '@/lib/store/upgrade-progress';
import './opening.css';

/**
 * What the panel shows until the database is open. Usually a blink; after an update that upgrades
 * a large database it is seconds (backup copy at 100,000 clips), so it says what is happening and
 * how far along it is rather than "Opening Cadence…" throughout.
 */
export function OpeningScreen({ progress }: { progress: UpgradeProgress | null }) {
  return (
    <div className="loading opening" role="status" aria-busy="true">
      <p>{sentenceOf(progress)}</p>
      {progress?.phase === 'backup' ? (
        <progress aria-label="Backup progress" max={Math.max(progress.total, 1)} value={progress.copied} />
      ) : null}
    </div>
  );
}

function sentenceOf(progress: UpgradeProgress | null): string {
  switch (progress?.phase) {
    case undefined:
      return 'Opening Cadence…';
    case 'waiting':
      return 'Another Cadence window is upgrading your data. This one opens when it is done…';
    case 'backup':
      return `Backing up your data before the upgrade: ${percent(progress.copied, progress.total)} %`;
    case 'upgrade':
      return 'Upgrading…';
    case 'blocked':
      return 'The upgrade waits for an older Cadence tab or window to close. Close it, and Cadence continues.';
  }
}

const percent = (copied: number, total: number) => (total === 0 ? 100 : Math.floor((copied / total) * 100));
