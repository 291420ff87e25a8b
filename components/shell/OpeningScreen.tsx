import { useEffect, useRef, useState } from 'react';
import { formatNumber } from '@/components/insights/format';
import type { StepTask, UpgradeProgress } from '../data/rows';
import './opening.css';

/** A screen reader hears the progress at most this often: a bar moving every 250 ms must not chatter. */
export const ANNOUNCE_EVERY_MS = 5000;

/** What each long migration step is doing, and what it counts (lib/store/upgrade-progress.ts). */
const TASKS: Record<StepTask, { doing: string; rows: string }> = {
  'clip-search-index': { doing: 'Updating the search index', rows: 'clips' },
  'clip-counts': { doing: 'Counting clips for the queue', rows: 'clips' },
};

/**
 * What the panel shows until the database is open. Usually a blink; an upgrade's version change
 * is now short too (the copy, index and counts run after it: ../shell/UpgradeWorkNote.tsx, issue
 * 20), but it still says what is happening, and how far along a phase that reports progress is.
 * The sentence and bar follow every report; the polite live region (read out by screen readers)
 * only every few seconds.
 */
export function OpeningScreen({ progress }: { progress: UpgradeProgress | null }) {
  const sentence = sentenceOf(progress);
  const announced = useCalmAnnouncement(sentence, progress?.phase === 'step' ? `step:${progress.task}` : (progress?.phase ?? 'opening'));
  const bar = barOf(progress);
  return (
    <div className="loading opening">
      <p>{sentence}</p>
      {bar ? (
        <div
          className="opening__bar"
          role="progressbar"
          aria-label={bar.label}
          aria-valuemin={0}
          aria-valuemax={bar.total}
          aria-valuenow={bar.done}
          aria-valuetext={bar.words}
        >
          <div className="opening__bar-fill" style={{ width: `${percent(bar.done, bar.total)}%` }} />
        </div>
      ) : null}
      <p className="visually-hidden" role="status">
        {announced}
      </p>
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
    case 'step':
      return `${TASKS[progress.task].doing}: ${countOf(progress.done, progress.total, TASKS[progress.task].rows)}`;
    case 'blocked':
      return 'The upgrade waits for an older Cadence tab or window to close. Close it, and Cadence continues.';
  }
}

function barOf(progress: UpgradeProgress | null): { label: string; done: number; total: number; words: string } | null {
  if (progress?.phase === 'backup') {
    return { label: 'Backup progress', done: progress.copied, total: progress.total, words: `${percent(progress.copied, progress.total)} %` };
  }
  if (progress?.phase === 'step') {
    const task = TASKS[progress.task];
    return { label: task.doing, done: progress.done, total: progress.total, words: countOf(progress.done, progress.total, task.rows) };
  }
  return null;
}

const countOf = (done: number, total: number, rows: string) => `${formatNumber(done)} of ${formatNumber(total)} ${rows}`;
const percent = (done: number, total: number) => (total === 0 ? 100 : Math.min(100, Math.floor((done / total) * 100)));

/**
 * `text` as a live region should say it: a new `kind` (phase) at once, changes within one kind
 * at most every `intervalMs` — the latest of them, when the interval is up.
 */
export function useCalmAnnouncement(text: string, kind: string, intervalMs = ANNOUNCE_EVERY_MS): string {
  const [announced, setAnnounced] = useState(text);
  const last = useRef({ kind, at: Date.now() });
  useEffect(() => {
    if (text === announced) return;
    const wait = kind === last.current.kind ? Math.max(0, last.current.at + intervalMs - Date.now()) : 0;
    const timer = setTimeout(() => {
      last.current = { kind, at: Date.now() };
      setAnnounced(text);
    }, wait);
    return () => clearTimeout(timer);
  }, [text, kind, announced, intervalMs]);
  return announced;
}
