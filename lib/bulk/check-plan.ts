import { DateTime } from 'luxon';
import { newId, type Account, type Post, type Workspace } from '../model';
import { atLocalTime } from '../schedule/local-time';
import { checkForQueue } from '../schedule/queue-check';
import type { PlanRow } from './read-plan';

/** A row made into the post it would write, with every problem found in it; nothing is written yet. */
export interface PlannedPost {
  line: number;
  post: Post;
  accounts: Account[];
  dueAt: number | null;
  /** The row's time as the workspace's clock shows it (for the preview). */
  when: string;
  problems: string[];
}

const MIME: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif' };

/**
 * Checks every row against the workspace before anything is written (issue 22: the preview shows
 * each row's problems). A row's problems: no text, an account the workspace does not have, a date
 * or time that is not one, a time in the past or in a daylight-saving gap of the workspace's zone
 * (that wall-clock time does not exist there), an image address that is not http(s), an image
 * without alt text, a link that is not a web address, and text over a network's limit as Compose
 * counts it (lib/schedule/queue-check.ts, the same check that refuses a queue).
 */
export function checkPlan(
  rows: readonly PlanRow[],
  { workspace, accounts, now }: { workspace: Workspace; accounts: readonly Account[]; now: number },
): PlannedPost[] {
  const byHandle = new Map(accounts.map((account) => [account.handle.toLowerCase().replace(/^@/, ''), account]));
  return rows.map((row) => {
    const problems: string[] = [];
    if (!row.text) problems.push('No text.');
    const chosen: Account[] = [];
    for (const handle of row.accounts) {
      const account = byHandle.get(handle.toLowerCase().replace(/^@/, ''));
      if (!account) problems.push(`Unknown account “${handle}”: ${workspace.name} has ${accounts.map((a) => `@${a.handle}`).join(', ') || 'no accounts'}.`);
      else if (!chosen.includes(account)) chosen.push(account);
    }
    if (row.accounts.length === 0) problems.push('No account: name one or more in the Accounts column.');
    const { dueAt, when, problem } = dueTime(row, workspace.timeZone, now);
    if (problem) problems.push(problem);
    row.images.forEach((src, index) => {
      if (!/^https?:\/\//i.test(src)) problems.push(`Image ${index + 1} is not a web address (${src.slice(0, 80)}).`);
      if (!row.alts[index]) problems.push(`Image ${index + 1} has no alt text: add it in the Alt Text column (separate several with “|”).`);
    });
    if (row.link && !/^https?:\/\/\S+$/i.test(row.link)) problems.push(`The link is not a web address (${row.link.slice(0, 80)}).`);
    const post = postOf(row, workspace, chosen, now);
    const check = checkForQueue(post, chosen);
    // Missing alt text is named once above, for every network.
    const limits = [...check.refusals, ...check.warnings.map((warning) => warning.replace(/ \(you can still fix it on the share page\)$/, ''))];
    problems.push(...limits.filter((problem) => !problem.includes('has no alt text')));
    return { line: row.line, post, accounts: chosen, dueAt, when, problems };
  });
}

function dueTime(row: PlanRow, zone: string, now: number): { dueAt: number | null; when: string; problem: string | null } {
  const when = `${row.date} ${row.time}`.trim();
  if (!row.date || !row.time) return { dueAt: null, when, problem: 'No date and time: fill Posting Time as YYYY-MM-DD HH:MM (or Date and Time).' };
  let dueAt: number;
  try {
    dueAt = atLocalTime(row.date, row.time, zone);
  } catch {
    return { dueAt: null, when, problem: `“${when}” is not a date and time: write it as YYYY-MM-DD HH:MM.` };
  }
  // atLocalTime moves a time in a gap to the gap's end: the wall clock never shows the time asked for.
  const shown = DateTime.fromMillis(dueAt, { zone }).toFormat('yyyy-MM-dd HH:mm');
  if (shown !== `${row.date} ${row.time}`)
    return { dueAt, when, problem: `${when} does not exist in ${zone}: the clocks jump forward then (daylight saving). Pick another time.` };
  if (dueAt <= now) return { dueAt, when, problem: `${when} (${zone}) is in the past.` };
  return { dueAt, when, problem: null };
}

function postOf(row: PlanRow, workspace: Workspace, accounts: readonly Account[], now: number): Post {
  return {
    v: 1,
    id: newId('post'),
    workspaceId: workspace.id,
    clipId: null,
    text: row.text,
    variants: accounts.map((account) => ({ accountId: account.id, text: row.variants[account.network] ?? null, thread: [] })),
    media: row.images.map((src, index) => ({
      id: newId('media'),
      src,
      alt: row.alts[index] ?? '',
      mime: MIME[extension(src)] ?? 'image/jpeg',
      width: null,
      height: null,
      bytes: null,
    })),
    link: row.link ? { url: row.link, title: row.link, description: '', imageUrl: null } : null,
    lang: null,
    campaign: row.campaign || null,
    pillar: row.pillar || null,
    utm: { enabled: false, medium: 'social', campaign: '' },
    experiment: null,
    evergreenDays: null,
    replyTo: null,
    createdAt: now,
    updatedAt: now,
  };
}

function extension(src: string): string {
  try {
    return new URL(src).pathname.split('.').pop()?.toLowerCase() ?? '';
  } catch {
    return '';
  }
}
