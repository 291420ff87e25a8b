import type { ElementHandle } from 'puppeteer-core';
import type { SidePanel } from './side-panel';

/** Settings → The runner (components/settings/RunnerSection.tsx), driven as a member does. */
const FORM = 'form[aria-label="Hand an account to the runner"]';

/** Without `team`, the workspace is shared: the section uses Settings → Team's connection and asks for none. */
export interface RunnerHandOver {
  team?: { server: string; workspaceId: string; user: string; password: string };
  runnerId: string;
  handle: string;
  appPassword: string;
}

async function field(panel: SidePanel, label: string): Promise<ElementHandle<HTMLInputElement>> {
  const input = await panel.page.waitForSelector(`xpath/.//form[@aria-label="Hand an account to the runner"]//label[contains(normalize-space(.), "${label}")]//input`, { timeout: 5000 });
  if (!input) throw new Error(`no field "${label}" in The runner`);
  return input as ElementHandle<HTMLInputElement>;
}

export async function fillRunnerForm(panel: SidePanel, handOver: RunnerHandOver): Promise<void> {
  await panel.show('Settings');
  await panel.page.waitForSelector(FORM);
  const typeInto = async (label: string, text: string) => {
    const input = await field(panel, label);
    await input.click({ count: 3 });
    await input.type(text);
  };
  if (handOver.team) {
    await typeInto('Team server', handOver.team.server);
    await typeInto('Team workspace', handOver.team.workspaceId);
    await typeInto('Your team user', handOver.team.user);
    await typeInto('Your team password', handOver.team.password);
  } else {
    await panel.page.waitForSelector(`${FORM} [data-testid="runner-team"]`, { timeout: 10_000 });
    const asked = await panel.page.$$(`xpath/.//form[@aria-label="Hand an account to the runner"]//label[contains(normalize-space(.), "Team server") or contains(normalize-space(.), "Your team password")]`);
    if (asked.length) throw new Error('The runner asks for the team server in a shared workspace');
  }
  await typeInto('Runner', handOver.runnerId);
  const accountId = await panel.page.$eval(
    `${FORM} select`,
    (select, handle) => [...(select as HTMLSelectElement).options].find((option) => option.textContent === `@${handle}`)?.value ?? '',
    handOver.handle,
  );
  await panel.page.select(`${FORM} select`, accountId);
  await typeInto('App password for the runner', handOver.appPassword);
}

/** Clicks one of the section's buttons and waits for the Settings status line to say `expected`. */
export async function clickRunnerButton(panel: SidePanel, label: 'Hand this account to the runner' | 'Take back', expected: string): Promise<void> {
  const button = await panel.page.waitForSelector(`xpath/.//form[@aria-label="Hand an account to the runner"]//button[normalize-space(.)="${label}"]`);
  await button!.click();
  await panel.page
    .waitForFunction((text) => document.querySelector('[data-testid="settings-status"]')?.textContent === text, { timeout: 15_000 }, expected)
    .catch(async (error: unknown) => {
      const shown = await panel.page.evaluate(() => [document.querySelector('[data-testid="settings-status"]')?.textContent, document.querySelector(`form[aria-label="Hand an account to the runner"] ~ [role="alert"]`)?.textContent]);
      throw new Error(`${String(error)}; the panel shows ${JSON.stringify(shown)}`);
    });
}
