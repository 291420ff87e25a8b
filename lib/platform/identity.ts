import { browser } from './browser';

/**
 * Thin wrappers over identity and permissions, so lib/accounts takes them as parameters.
 * permissions.request needs a user gesture: the side panel calls `requestOrigins` inside the
 * click handler of its Connect button, before it messages the background.
 */
export function redirectUrl(): string {
  return browser.identity.getRedirectURL();
}

/** Opens the server's sign-in page in a browser window; resolves with the URL it redirected to. */
export async function launchWebAuthFlow(url: string): Promise<string> {
  const result = await browser.identity.launchWebAuthFlow({ url, interactive: true });
  if (!result) throw new Error('The sign-in window closed without an answer.');
  return result;
}

export function requestOrigins(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins });
}

export function hasOrigins(origins: string[]): Promise<boolean> {
  return browser.permissions.contains({ origins });
}
