import type { MessageOutput } from '@/lib/messaging';
import { wallTime } from '@/lib/schedule/wall-time';

/** What the panel says after Pause queue and Resume queue (lib/publish/pause-queue.ts). */

type Note = MessageOutput<'queue.pause'>['stayed'][number];

const posts = (count: number) => `${count} ${count === 1 ? 'post' : 'posts'}`;

export function noteWords(note: Note, zone: string): string {
  const due = note.dueAt === null ? '' : (({ weekday, date, time }) => `, due ${weekday} ${date} ${time}`)(wallTime(note.dueAt, zone));
  return `@${note.handle}${due}: ${note.reason}`;
}

export function pauseWords(report: MessageOutput<'queue.pause'>, name: string): string {
  const parts = [`Queue paused: nothing of “${name}” is published until you press Resume queue.`];
  if (report.withdrawn > 0) parts.push(`${posts(report.withdrawn)} taken back from Mastodon’s scheduler, handed back when you resume.`);
  if (report.stayed.length > 0)
    parts.push(
      `${posts(report.stayed.length)} could not be taken back and still ${report.stayed.length === 1 ? 'goes' : 'go'} out: the banner at the top says which.`,
    );
  return parts.join(' ');
}

export function resumeWords(report: MessageOutput<'queue.resume'>, name: string): string {
  const parts = [`Queue of “${name}” resumed.`];
  if (report.handedBack > 0) parts.push(`${posts(report.handedBack)} handed back to Mastodon’s scheduler.`);
  if (report.late > 0)
    parts.push(`${posts(report.late)} that came due while paused ${report.late === 1 ? 'goes' : 'go'} out now, within your late-post window.`);
  if (report.held > 0) {
    parts.push(
      `${posts(report.held)} that came due while paused ${report.held === 1 ? 'is' : 'are'} held, as Settings → Publishing says: choose Publish now on the Calendar, or move ${report.held === 1 ? 'it' : 'them'}.`,
    );
  }
  if (report.notBack.length > 0) parts.push(`${posts(report.notBack.length)} could not go back to Mastodon’s scheduler:`);
  return parts.join(' ');
}
