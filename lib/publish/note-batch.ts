import type { Note } from './deps';

/**
 * The notes of one publisher run, shown as few: one run after a night offline can hold or fail
 * 120 posts, and 120 desktop notifications bury everything else (issue 18). A single failure is
 * shown as it is; more become one summary, whose click opens the panel (lib/publish/service.ts).
 * Reminders pass through one by one: each is the publishing itself, opening its own share page.
 */
export const SUMMARY_PREFIX = 'publish-summary:';
export const FAILURES_SUMMARY_ID = `${SUMMARY_PREFIX}failures`;

export function summarizeNotes(notes: Note[]): Note[] {
  const failures = notes.filter((note) => note.kind === 'failure');
  const shown = notes.filter((note) => note.kind !== 'failure');
  if (failures.length === 1) shown.push(failures[0]!);
  else if (failures.length > 1) {
    shown.push({
      id: FAILURES_SUMMARY_ID,
      kind: 'failure',
      title: `${failures.length} posts could not go out`,
      message: 'Click to open Cadence: the calendar says why each one was held or failed, with "Publish now" or "Retry".',
    });
  }
  return shown;
}

/** A `notify` that collects, and `flush`, which shows what was collected, summed up. */
export function createNoteBatch(notify: (note: Note) => Promise<void>) {
  const notes: Note[] = [];
  return {
    notify: async (note: Note) => void notes.push(note),
    async flush() {
      const shown = summarizeNotes(notes.splice(0));
      for (const note of shown) await notify(note).catch((error: unknown) => console.error('Cadence: a notification could not be shown', error));
    },
  };
}
