/**
 * The site script's run-time registrations (scripting.registerContentScripts), one per Mastodon
 * server origin, as plain data: which to add, change and remove to reach the wanted origins. The
 * browser keeps them (persistAcrossSessions), so start-up, account changes and permission changes
 * only plan the difference; a plan of nothing does nothing, so syncing again is harmless.
 */

/**
 * The file WXT builds entrypoints/social.content.ts into (content-scripts/<name>.js): the same
 * script the manifest declares for the supported sites (tests/e2e/manifest.e2e.ts names it too).
 */
export const SITE_SCRIPT_FILE = 'content-scripts/social.js';
const ID_PREFIX = 'mastodon-site:';

export interface SiteScriptRegistration {
  id: string;
  js: string[];
  matches: string[];
  runAt: 'document_idle';
  persistAcrossSessions: true;
}

/** What getRegisteredContentScripts reports, as far as the plan reads it. */
export interface RegisteredScript {
  id: string;
  js?: string[];
  matches?: string[];
}

export interface RegistrationPlan {
  register: SiteScriptRegistration[];
  update: SiteScriptRegistration[];
  unregister: string[];
}

/** The match pattern of an origin: every page of it. A port stays (Chrome match patterns take one: developer.chrome.com/docs/extensions/develop/concepts/match-patterns), as in the permission Settings asks for. */
export const originPattern = (origin: string) => `${origin}/*`;

/**
 * The host of `origin` when this browser cannot grant it: Firefox refuses a permission request for
 * a match pattern with a port ("Cannot request origin permission for https://example.org:8443/*
 * since it was not declared in the manifest"; tests/e2e-firefox/ports.e2e.ts), so a server on a
 * port gets no host permission, site script or feed polling there. Null where the browser takes
 * ports (Chrome) or the origin names none.
 */
export function portRefusedHost(origin: string, isFirefox: boolean): string | null {
  if (!isFirefox) return null;
  const { host, port } = new URL(origin);
  return port ? host : null;
}

/** The sentence for a server Firefox cannot grant (see portRefusedHost). */
export const firefoxPortText = (host: string) =>
  `Firefox cannot let Cadence reach ${host}: Firefox’s permissions take no port number, so a server on a port works with Cadence in Chrome only.`;

/** The origin a host permission pattern of ours stands for, or null for a pattern of another shape. */
export function patternOrigin(pattern: string): string | null {
  const match = /^(https?:\/\/[^/*]+)\/\*$/.exec(pattern);
  return match ? match[1]! : null;
}

export function registrationFor(origin: string): SiteScriptRegistration {
  return { id: `${ID_PREFIX}${origin}`, js: [SITE_SCRIPT_FILE], matches: [originPattern(origin)], runAt: 'document_idle', persistAcrossSessions: true };
}

const same = (a: readonly string[] | undefined, b: readonly string[]) => a?.length === b.length && a.every((item, index) => item === b[index]);

/** From what is registered to one registration per wanted origin; others' registrations are not ours to touch. */
export function planRegistrations(registered: readonly RegisteredScript[], origins: Iterable<string>): RegistrationPlan {
  const wanted = new Map([...origins].map((origin) => [`${ID_PREFIX}${origin}`, registrationFor(origin)]));
  const ours = registered.filter((script) => script.id.startsWith(ID_PREFIX));
  const plan: RegistrationPlan = { register: [], update: [], unregister: [] };
  for (const script of ours) {
    const want = wanted.get(script.id);
    if (!want) plan.unregister.push(script.id);
    // An update that renamed the script file leaves registrations pointing at a file that is gone.
    else if (!same(script.js, want.js) || !same(script.matches, want.matches)) plan.update.push(want);
  }
  const known = new Set(ours.map((script) => script.id));
  for (const [id, want] of wanted) if (!known.has(id)) plan.register.push(want);
  return plan;
}
