import { firefoxPortText, originPattern, portRefusedHost } from '@/lib/capture/site-buttons/registrations';
import { normalizeServer } from '@/lib/accounts/server-address';
import { requestOrigins } from '@/lib/platform/identity';
import { errorText } from '../common/error-text';

/**
 * A server the user typed, as an origin the browser has let Cadence reach. Called straight from
 * the click: permissions.request needs the user's gesture, so nothing is awaited before it.
 * Rejects with the sentence to show (see failureText) when the address is wrong or refused, or,
 * in Firefox, names a port (`portText`: Firefox would refuse it with a message about the manifest).
 */
export function askForServer(
  server: string,
  refused: (host: string) => string,
  { portText = firefoxPortText, isFirefox = import.meta.env.FIREFOX }: { portText?: (host: string) => string; isFirefox?: boolean } = {},
): Promise<string> {
  let origin: string;
  try {
    origin = normalizeServer(server);
  } catch (failure) {
    return Promise.reject(failure);
  }
  const portHost = portRefusedHost(origin, isFirefox);
  if (portHost) return Promise.reject(new Error(portText(portHost)));
  return requestOrigins([originPattern(origin)]).then((granted) => {
    if (!granted) throw new Error(refused(new URL(origin).host));
    return origin;
  });
}

/** A plain Error carries our own sentence; anything with an error code is put in words. */
export function failureText(failure: unknown): string {
  return failure instanceof Error && !('code' in failure) ? failure.message : errorText(failure);
}
