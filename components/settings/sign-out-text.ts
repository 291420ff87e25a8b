import type { z } from 'zod';
import type { serverSignOutSchema } from '@/lib/messaging/protocols/accounts';

type ServerSignOut = z.infer<typeof serverSignOutSchema>;

/** Where a person ends a sign-in by hand, when Cadence could not tell the server (issue 18, hole 7). */
const BY_HAND: Record<ServerSignOut['network'], (host: string) => string> = {
  mastodon: (host) => `on ${host}, open Preferences → Account → Authorized apps and revoke Cadence`,
  bluesky: () => 'in Bluesky, open Settings → Privacy and security → App passwords and delete the one you gave Cadence',
};

/** What Settings says after Disconnect or Delete workspace about the servers' side of the sign-ins. */
export function signOutText(results: ServerSignOut[]): string {
  return results
    .map(({ network, host, problem }) =>
      problem === null
        ? `${host} ended the sign-in.`
        : `${host} could not be told to end the sign-in: ${/[.?!]$/.test(problem) ? problem : `${problem}.`} The sign-in still works there until it expires; to end it now, ${BY_HAND[network](host)}.`,
    )
    .join(' ');
}
