import type { ElementHandle } from 'puppeteer-core';
import type { SidePanel } from './side-panel';

/**
 * Unschedule, Undo, untick and Move… (issue 17), as a user reaches them in the side panel. Kept
 * beside side-panel.ts rather than in it: these controls belong to the calendar chip, the day and
 * the Compose notice.
 */

/** Sets a date, time or datetime field as typing does (the value setter plus `input`, which React hears). */
export async function setField(field: ElementHandle<Element>, value: string): Promise<void> {
  await field.evaluate((element, next) => {
    const input = element as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, next);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/** Presses one of a chip's tools ("Move…", "Unschedule"). */
export async function chipTool(panel: SidePanel, deliveryId: string, label: 'Move…' | 'Unschedule'): Promise<void> {
  const [button] = await panel.page.$$(`xpath/.//*[@data-delivery="${deliveryId}"]//button[contains(@class, "chip__tool")][normalize-space(.)="${label}"]`);
  if (!button) throw new Error(`no "${label}" on the chip ${deliveryId}`);
  await button.click();
}

/** Move… on a chip: picks the date and time (HH:MM, the workspace's zone) and presses Move. */
export async function moveChip(panel: SidePanel, deliveryId: string, date: string, time: string): Promise<void> {
  await chipTool(panel, deliveryId, 'Move…');
  const form = `[data-delivery="${deliveryId}"] .move-form`;
  await setField((await panel.page.waitForSelector(`${form} input[type="date"]`, { timeout: 5000 }))!, date);
  await setField((await panel.page.waitForSelector(`${form} input[type="time"]`))!, time);
  const [move] = await panel.page.$$(`xpath/.//*[@data-delivery="${deliveryId}"]//form[contains(@class, "move-form")]//button[normalize-space(.)="Move"]`);
  await move!.click();
}

/** The calendar's feedback line, once it starts with `prefix`. */
export async function calendarSays(panel: SidePanel, prefix: string, timeout = 10_000): Promise<string> {
  const line = await panel.page.waitForFunction(
    (wanted) => {
      const text = document.querySelector('[data-testid="calendar-status"]')?.textContent ?? '';
      return text.startsWith(wanted) ? text : null;
    },
    { timeout },
    prefix,
  );
  return String(await line.jsonValue());
}

/** Compose's feedback line under the open post's waiting deliveries, once it starts with `prefix`. */
export async function composeSays(panel: SidePanel, prefix: string, timeout = 10_000): Promise<string> {
  const line = await panel.page.waitForFunction(
    (wanted) => {
      const text = document.querySelector('[data-testid="compose-queued-status"]')?.textContent?.replace(/\s*Undo\s*$/, '').trim() ?? '';
      return text.startsWith(wanted) ? text : null;
    },
    { timeout },
    prefix,
  );
  return String(await line.jsonValue());
}

/** Unticks the account in Compose's "Post to" list. */
export async function untick(panel: SidePanel, handle: string): Promise<void> {
  const box = await panel.page.waitForSelector(`xpath/.//label[contains(@class, "compose__account")][span[normalize-space(.)="@${handle}"]]/input`, { timeout: 5000 });
  if (!(await box!.evaluate((input) => (input as HTMLInputElement).checked))) throw new Error(`@${handle} is not ticked`);
  await box!.click();
}

/** Presses a button found by its words inside `scope` (a CSS selector). */
export async function pressIn(panel: SidePanel, scope: string, label: string): Promise<void> {
  const button = await panel.page.waitForFunction(
    (selector, wanted) => [...document.querySelectorAll(`${selector} button`)].find((b) => b.textContent?.trim() === wanted && !(b as HTMLButtonElement).disabled) ?? null,
    { timeout: 5000 },
    scope,
    label,
  );
  await (button as ElementHandle<HTMLButtonElement>).click();
}

/** Ticks exactly these accounts in Compose's "Post to" list (a new post starts with every account ticked). */
export async function tickOnly(panel: SidePanel, handles: string[]): Promise<void> {
  // Compose reads its draft first: until then there is no list, and an empty list would pass below.
  await panel.page.waitForSelector('label.compose__account', { timeout: 10_000 });
  const labels = await panel.page.$$('label.compose__account');
  for (const label of labels) {
    const handle = (await label.$eval('span', (span) => span.textContent ?? '')).replace(/^@/, '');
    const box = (await label.$('input'))!;
    const isChecked = await box.evaluate((input) => (input as HTMLInputElement).checked);
    if (isChecked !== handles.includes(handle)) await box.click();
  }
  await panel.page.waitForFunction(
    (wanted) => [...document.querySelectorAll('label.compose__account')].every((label) => label.querySelector('input')!.checked === wanted.includes((label.querySelector('span')?.textContent ?? '').replace(/^@/, ''))),
    { timeout: 5000 },
    handles,
  );
}
