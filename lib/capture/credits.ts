import type { Credit } from '../model';
import type { PageHead } from './page-head';

/**
 * Who to @mention when sharing a page, per network, from what the page says about its author:
 * `fediverse:creator` (Mastodon 4.3 author attribution), `twitter:creator`/`twitter:site`, and
 * profile links marked `rel=me`/`rel=author` or sitting in a byline.
 */
export function pageCredits(head: PageHead, pageUrl: string): Credit[] {
  const credits: Credit[] = [];
  const fediverse = head.meta('fediverse:creator');
  if (fediverse) credits.push(...[fediverseCredit(fediverse)].filter((credit) => credit !== null));
  for (const key of ['twitter:creator', 'twitter:site']) {
    const handle = head.meta(key)?.replace(/^@/, '');
    if (handle && /^\w{1,15}$/.test(handle)) credits.push({ network: 'x', handle: `@${handle}`, url: `https://x.com/${handle}` });
  }
  for (const link of head.profileLinks) {
    const credit = creditFromProfileUrl(link.getAttribute('href') ?? '', pageUrl);
    if (credit) credits.push(credit);
  }
  return dedupe(credits);
}

/** `@user@host` (or `user@host`) as Mastodon writes it in `fediverse:creator`. */
function fediverseCredit(value: string): Credit | null {
  const match = /^@?([\w.-]+)@([\w.-]+\.[a-z]{2,})$/i.exec(value.trim());
  if (!match) return null;
  const [, user, host] = match;
  return { network: 'mastodon', handle: `@${user}@${host}`, url: `https://${host}/@${user}` };
}

// Sites with `/@name` profile paths that are not Mastodon servers.
const NOT_MASTODON = /(^|\.)(medium\.com|youtube\.com|tiktok\.com|instagram\.com|substack\.com|x\.com|twitter\.com|threads\.net|threads\.com)$/i;

/** A credit from a profile URL: bsky.app, x.com/twitter.com, threads, or a Mastodon-looking `https://host/@user`. */
export function creditFromProfileUrl(raw: string, base: string): Credit | null {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null; // Not a URL, so not a profile.
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const path = url.pathname.replace(/\/+$/, '');
  const bluesky = /^\/profile\/([a-z0-9.-]+\.[a-z0-9-]+)$/i.exec(path);
  if (host === 'bsky.app' && bluesky?.[1])
    return { network: 'bluesky', handle: `@${bluesky[1].toLowerCase()}`, url: `https://bsky.app/profile/${bluesky[1].toLowerCase()}` };
  const xUser = /^\/(\w{1,15})$/.exec(path);
  if ((host === 'x.com' || host === 'twitter.com') && xUser?.[1] && !X_RESERVED.has(xUser[1].toLowerCase())) {
    return { network: 'x', handle: `@${xUser[1]}`, url: `https://x.com/${xUser[1]}` };
  }
  const atUser = /^\/@([\w.]+)$/.exec(path);
  if (!atUser?.[1]) return null;
  if (host === 'threads.net' || host === 'threads.com') return { network: 'threads', handle: `@${atUser[1]}`, url: `https://www.threads.com/@${atUser[1]}` };
  if (NOT_MASTODON.test(host) || !host.includes('.')) return null;
  return { network: 'mastodon', handle: `@${atUser[1]}@${host}`, url: `https://${host}/@${atUser[1]}` };
}

const X_RESERVED = new Set(['home', 'share', 'intent', 'search', 'explore', 'i', 'settings', 'login', 'signup', 'tos', 'privacy']);

function dedupe(credits: Credit[]): Credit[] {
  const seen = new Map<string, Credit>();
  for (const credit of credits) {
    const key = `${credit.network}:${credit.handle.toLowerCase()}`;
    if (!seen.has(key)) seen.set(key, credit);
  }
  return [...seen.values()];
}
