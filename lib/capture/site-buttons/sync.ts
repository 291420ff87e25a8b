import type { PermissionsPort, SiteScriptsPort } from '../../platform/ports';
import { originPattern, planRegistrations, type RegistrationPlan, type SiteScriptRegistration } from './registrations';

/** What a sync reaches in the browser: the registrations, and the host permissions they rest on. */
export interface SiteScriptsApi {
  scripts: SiteScriptsPort;
  permissions: Pick<PermissionsPort, 'contains'>;
}

/**
 * Brings the site script's run-time registrations to `origins`, for those Cadence may still
 * reach (a permission the user took back in the browser is not asked for again here): reads
 * what the browser has registered, and registers, updates and unregisters only the difference.
 * Callers run one sync at a time (the browser refuses a second registration of an id).
 */
export async function syncSiteScripts(origins: readonly string[], api: SiteScriptsApi): Promise<RegistrationPlan> {
  const allowed: string[] = [];
  for (const origin of origins) if (await api.permissions.contains([originPattern(origin)])) allowed.push(origin);
  const plan = planRegistrations(await api.scripts.registered(), allowed);
  if (plan.unregister.length) await api.scripts.unregister(plan.unregister);
  if (plan.update.length) await api.scripts.update(plan.update);
  if (plan.register.length) {
    await api.scripts.register(plan.register);
    await Promise.all(plan.register.map((registration) => injectIntoOpenTabs(registration, api.scripts)));
  }
  return plan;
}

/**
 * A registration reaches pages loaded after it: the tabs already open on that server get the
 * script now, so adding a server needs no reload. A script already running there (the server was
 * removed and added again) gives way to the new one (WXT's context stops the older and takes its
 * buttons away). A tab that cannot take it (discarded, an error page) gets it when it loads again.
 */
async function injectIntoOpenTabs(registration: SiteScriptRegistration, scripts: SiteScriptsPort): Promise<void> {
  const tabIds = await scripts.tabsMatching(registration.matches);
  await Promise.all(
    tabIds.map(async (tabId) => {
      try {
        await scripts.inject(tabId, registration.js);
      } catch (error) {
        console.warn(`Cadence: the Clip buttons reach tab ${tabId} when it loads again`, error);
      }
    }),
  );
}
