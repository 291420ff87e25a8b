import { browser } from './browser';

/**
 * Asks for host permissions from the side panel. permissions.request needs a user gesture: the
 * panel calls `requestOrigins` inside the click handler of its Connect or Add button, before it
 * messages the background. The background's own permission needs go through ./ports.ts.
 */
export function requestOrigins(origins: string[]): Promise<boolean> {
  return browser.permissions.request({ origins });
}
