import { countFor, type TextCount } from '../compose/count';
import { imageLimitsFor } from '../compose/media-limits';
import { outgoingParts } from '../compose/post-draft';
import { ValidationError } from '../errors';
import type { Account, Network, Post } from '../model';
import { methodFor } from './delivery-rows';

/**
 * What would make a post fail on a network, checked the moment it is queued (issue 17: "400
 * characters queued to Bluesky; the post fails later on the network").
 *
 * Invariants:
 * - the text is counted by `countFor` over `outgoingParts`, exactly what Compose's counters show
 *   (CountLine.tsx), so the counter and the refusal can never disagree;
 * - an account Cadence publishes to itself (method 'api') gets a refusal; a reminder account
 *   gets a warning only, since the user still edits the text on the network's share page;
 * - image bytes and dimensions are not checked: the publisher resizes every image to the
 *   account's limits before uploading (content-loaders.ts), so only the count and alt text can fail;
 * - every sentence names the account, the count and the limit, and says what to do.
 */

export interface QueueCheck {
  refusals: string[];
  warnings: string[];
}

const NETWORK_NAMES: Record<Network, string> = {
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  x: 'X',
  threads: 'Threads',
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
};

export function checkForQueue(post: Post, accounts: readonly Account[]): QueueCheck {
  return checkWith(post, accounts, (account) => [...textProblems(post, account), ...mediaProblems(post, account)]);
}

/** The text half only: Compose shows it while the user types (the images have their own warnings, MediaWarnings.tsx). */
export function checkTextForQueue(post: Post, accounts: readonly Account[]): QueueCheck {
  return checkWith(post, accounts, (account) => textProblems(post, account));
}

function checkWith(post: Post, accounts: readonly Account[], problemsOf: (account: Account) => string[]): QueueCheck {
  const check: QueueCheck = { refusals: [], warnings: [] };
  for (const account of accounts) {
    const problems = problemsOf(account);
    if (methodFor(account) === 'api') check.refusals.push(...problems);
    else check.warnings.push(...problems.map((problem) => `${problem} (you can still fix it on the share page)`));
  }
  return check;
}

/** Throws a ValidationError listing every refusal; returns the warnings for the caller to show. */
export function refuseOverLimits(post: Post, accounts: readonly Account[]): string[] {
  const { refusals, warnings } = checkForQueue(post, accounts);
  if (refusals.length > 0) throw new ValidationError(refusals.join(' '), { refusals });
  return warnings;
}

function textProblems(post: Post, account: Account): string[] {
  const name = NETWORK_NAMES[account.network];
  const parts = outgoingParts(post, account);
  return parts.flatMap((part, index) => {
    const count = countFor(account.network, part, account.limits);
    if (!count.over) return [];
    const where = parts.length > 1 ? ` (post ${index + 1} of the thread)` : '';
    return [`@${account.handle}${where}: ${overWords(count)}, ${name} allows ${allowWords(count)} — split it into a thread or shorten it.`];
  });
}

function overWords(count: TextCount): string {
  if (count.used <= count.limit && count.bytes) return `${count.bytes.used} bytes`;
  return `${count.used} characters`;
}

function allowWords(count: TextCount): string {
  if (count.used <= count.limit && count.bytes) return `${count.bytes.limit}`;
  return `${count.limit}`;
}

function mediaProblems(post: Post, account: Account): string[] {
  const limits = imageLimitsFor(account);
  const name = NETWORK_NAMES[account.network];
  const problems: string[] = [];
  if (post.media.length > limits.maxImages) {
    problems.push(
      `@${account.handle}: ${post.media.length} images, ${name} allows ${limits.maxImages} — remove ${post.media.length - limits.maxImages} or untick @${account.handle}.`,
    );
  }
  post.media.forEach((item, index) => {
    if (limits.isAltRequired && methodFor(account) === 'api' && item.alt.trim() === '') {
      problems.push(`@${account.handle}: image ${index + 1} has no alt text, which ${name} needs — add it first.`);
    }
  });
  return problems;
}
