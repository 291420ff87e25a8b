import { formatNumber } from '@/components/insights/format';
import { useUpgradeWork, type WorkProgress } from '../data/upgrade-work';
import { useCalmAnnouncement } from './OpeningScreen';
import './opening.css';

/** What each part of the upgrade that runs after the version change is doing (lib/store/upgrade-work). */
const DOING: Record<WorkProgress['task'], string> = {
  backup: 'Backing up your data before changing any of it',
  'clip-counts': 'Counting clips for the queue',
  'clip-search-index': 'Building the search index',
  'old-terms-cleanup': 'Removing the old search index',
};

/**
 * Said on every view while an upgrade finishes in the background (issue 20): the panel is usable
 * at once, and this says what is still being done and how far, so missing search results or
 * counts still going up are not a surprise. Closing the panel loses nothing: the work resumes.
 */
export function UpgradeWorkNote() {
  const progress = useUpgradeWork();
  const sentence = progress ? `${DOING[progress.task]}: ${wordsOf(progress)}` : '';
  const announced = useCalmAnnouncement(sentence, progress?.task ?? 'none');
  if (!progress) return null;
  return (
    <section className="read-problem upgrade-work" aria-label="Finishing the upgrade" data-testid="upgrade-work">
      <p>
        <strong>Finishing the update in the background.</strong> {sentence}. Everything is usable meanwhile, and nothing is lost if you close the panel.
      </p>
      <div
        className="opening__bar"
        role="progressbar"
        aria-label={DOING[progress.task]}
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={Math.min(progress.done, progress.total)}
        aria-valuetext={wordsOf(progress)}
      >
        <div className="opening__bar-fill" style={{ width: `${percent(progress)}%` }} />
      </div>
      <p className="visually-hidden" role="status">
        {announced}
      </p>
    </section>
  );
}

const percent = ({ done, total }: WorkProgress) => (total === 0 ? 0 : Math.min(100, Math.floor((done / total) * 100)));
const wordsOf = (progress: WorkProgress) =>
  progress.task === 'clip-counts' || progress.task === 'clip-search-index'
    ? `${formatNumber(Math.min(progress.done, progress.total))} of ${formatNumber(progress.total)} clips`
    : `${percent(progress)} %`;
