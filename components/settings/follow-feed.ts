import { firefoxPortText, originPattern, portRefusedHost } from '@/lib/capture/site-buttons/registrations';
import { requestOrigins } from '@/lib/platform/identity';

/**
 * The host permission a feed needs (least permissions, issue 22): its origin only, asked for in the
 * user's click before anything is awaited (permissions.request needs the gesture). Resolves false
 * when the user said no.
 */
export function askForFeedHost(url: string): Promise<boolean> {
  let origin: string;
  try {
    origin = new URL(url.trim()).origin;
  } catch {
    return Promise.reject(new Error('That is not a web address. Paste the feed’s address, starting with https://.'));
  }
  if (!/^https?:/.test(origin)) return Promise.reject(new Error('A feed’s address starts with http:// or https://.'));
  const portHost = portRefusedHost(origin, import.meta.env.FIREFOX);
  if (portHost) return Promise.reject(new Error(firefoxPortText(portHost)));
  return requestOrigins([originPattern(origin)]);
}

export const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};
