import type { Clip, Credit, Network } from '../model';

/**
 * "via @author" in the form the target network links: a credit is only usable on its own
 * network (an X handle means nothing on Bluesky). Forms:
 * - bluesky  `@alice.bsky.social` (a handle is a domain: atproto.com/specs/handle)
 * - mastodon `@alice@mastodon.social` (the full address, so any instance can resolve it; the
 *   host comes from the handle or, failing that, from the profile URL)
 * - x        `@alice` (1–15 letters, digits, underscores)
 * - threads  `@alice` (Instagram usernames: letters, digits, "." and "_", up to 30)
 * LinkedIn and Facebook mentions cannot be typed as text, so they always fall back.
 * Fallback: "via <site name>" when the clip has one, else nothing.
 */
export function creditLine(clip: Pick<Clip, 'credits' | 'siteName'>, network: Network): string | null {
  for (const credit of clip.credits) {
    if (credit.network !== network) continue;
    const mention = mentionFor(credit);
    if (mention !== null) return `via ${mention}`;
  }
  const site = clip.siteName?.trim();
  return site ? `via ${site}` : null;
}

/** The credit as its network writes a mention, or null when the handle is not usable. */
export function mentionFor(credit: Credit): string | null {
  const handle = credit.handle.trim().replace(/^@/, '');
  switch (credit.network) {
    case 'bluesky':
      return /^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*$/i.test(handle) ? `@${handle.toLowerCase()}` : null;
    case 'mastodon':
      return mastodonAddress(handle, credit.url);
    case 'x':
      return /^\w{1,15}$/.test(handle) ? `@${handle}` : null;
    case 'threads':
      return /^[\w.]{1,30}$/.test(handle) ? `@${handle}` : null;
    case 'linkedin':
    case 'facebook':
      return null;
  }
}

function mastodonAddress(handle: string, url: string | null): string | null {
  const [user, host = hostOf(url)] = handle.split('@');
  if (!user || !/^\w+([\w.-]*\w)?$/.test(user) || !host || !/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host)) return null;
  return `@${user}@${host.toLowerCase()}`;
}

function hostOf(url: string | null): string | undefined {
  if (url === null) return undefined;
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined; // a credit URL we cannot parse just gives no host
  }
}
