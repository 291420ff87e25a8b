import type { Scripting, Tabs } from 'webextension-polyfill';
import { originPattern, planRegistrations, type RegistrationPlan, type SiteScriptRegistration } from './registrations';
import { browser } from '../../platform/browser';

export interface SiteScriptsApi {
  scripting: Pick<Scripting.Static, 'getRegisteredContentScripts' | 'registerContentScripts' | 'updateContentScripts' | 'unregisterContentScripts' | 'executeScript'>;
  permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
  tabs: Pick<Tabs.Static, 'query'>;
}

export const realSiteScriptsApi = (): SiteScriptsApi => ({ scripting: browser.scripting, permissions: browser.permissions, tabs: browser.tabs });

/**
 * Brings the site script's run-time registrations to `origins`, for those Cadence may still
 * reach (a permission the user took back in the browser is not asked for again here): reads
 * what the browser has registered, and registers, updates and unregisters only the difference.
 * Callers run one sync at a time (the browser refuses a second registration of an id).
 */
export async function syncSiteScripts(origins: readonly string[], api: SiteScriptsApi = realSiteScriptsApi()): Promise<RegistrationPlan> {
  const allowed: string[] = [];
  for (const origin of origins) if (await api.permissions.contains({ origins: [originPattern(origin)] })) allowed.push(origin);
  const plan = planRegistrations(await api.scripting.getRegisteredContentScripts(), allowed);
  if (plan.unregister.length) await api.scripting.unregisterContentScripts({ ids: plan.unregister });
  if (plan.update.length) await api.scripting.updateContentScripts(plan.update);
  if (plan.register.length) {
    await api.scripting.registerContentScripts(plan.register);
    await Promise.all(plan.register.map((registration) => injectIntoOpenTabs(registration, api)));
  }
  return plan;
}

/**
 * A registration reaches pages loaded after it: the tabs already open on that server get the
 * script now, so adding a server needs no reload. A script already running there (the server was
 * removed and added again) gives way to the new one (WXT's context stops the older and takes its
 * buttons away). A tab that cannot take it (discarded, an error page) gets it when it loads again.
 */
async function injectIntoOpenTabs(registration: SiteScriptRegistration, api: SiteScriptsApi): Promise<void> {
  const tabs = await api.tabs.query({ url: registration.matches });
  await Promise.all(
    tabs.map(async ({ id: tabId }) => {
      if (tabId === undefined) return;
      try {
        await api.scripting.executeScript({ target: { tabId }, files: registration.js });
      } catch (error) {
        console.warn(`Cadence: the Clip buttons reach tab ${tabId} when it loads again`, error);
      }
    }),
  );
}
