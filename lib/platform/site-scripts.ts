import type { Scripting } from 'webextension-polyfill';
import { originPattern, planRegistrations, type RegistrationPlan } from '../capture/site-buttons/registrations';
import { browser } from './browser';

export interface SiteScriptsApi {
  scripting: Pick<Scripting.Static, 'getRegisteredContentScripts' | 'registerContentScripts' | 'updateContentScripts' | 'unregisterContentScripts'>;
  permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
}

const realApi = (): SiteScriptsApi => ({ scripting: browser.scripting, permissions: browser.permissions });

/**
 * Brings the site script's run-time registrations to `origins`, for those Cadence may still
 * reach (a permission the user took back in the browser is not asked for again here): reads
 * what the browser has registered, and registers, updates and unregisters only the difference.
 * Callers run one sync at a time (the browser refuses a second registration of an id).
 */
export async function syncSiteScripts(origins: readonly string[], api: SiteScriptsApi = realApi()): Promise<RegistrationPlan> {
  const allowed: string[] = [];
  for (const origin of origins) if (await api.permissions.contains({ origins: [originPattern(origin)] })) allowed.push(origin);
  const plan = planRegistrations(await api.scripting.getRegisteredContentScripts(), allowed);
  if (plan.unregister.length) await api.scripting.unregisterContentScripts({ ids: plan.unregister });
  if (plan.update.length) await api.scripting.updateContentScripts(plan.update);
  if (plan.register.length) await api.scripting.registerContentScripts(plan.register);
  return plan;
}
