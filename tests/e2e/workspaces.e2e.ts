import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAccount } from '../integration/support';
import type { Account, Delivery, Post, Settings, Workspace } from '@/lib/model';
import { localDate } from '@/lib/schedule/local-time';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

const HOUR = 3_600_000;

function reminderAccount(id: string, workspaceId: string, network: 'x' | 'linkedin', handle: string): Account {
  return {
    v: 1,
    id,
    workspaceId,
    network,
    handle,
    displayName: handle,
    avatarUrl: null,
    serverUrl: null,
    remoteId: null,
    publishMode: 'reminder',
    status: 'connected',
    statusReason: null,
    limits: { maxCharacters: 280, charactersPerUrl: 23, maxImages: 4, maxImageBytes: 5_000_000 },
    schedule: [],
    createdAt: 1,
    updatedAt: 1,
  };
}

function scheduled(id: string, account: Account, dueAt: number, text: string): { post: Post; delivery: Delivery } {
  const post: Post = {
    v: 1,
    id: `post_${id}`,
    workspaceId: account.workspaceId,
    clipId: null,
    text,
    variants: [{ accountId: account.id, text: null, thread: [] }],
    media: [],
    link: null,
    lang: null,
    campaign: null,
    pillar: null,
    utm: { enabled: false, medium: 'social', campaign: '' },
    experiment: null,
    evergreenDays: null,
    replyTo: null,
    createdAt: 1,
    updatedAt: 1,
  };
  const delivery: Delivery = {
    v: 1,
    id: `dlv_${id}`,
    postId: post.id,
    accountId: account.id,
    workspaceId: account.workspaceId,
    network: account.network,
    state: 'scheduled',
    method: 'reminder',
    dueAt,
    attempt: 0,
    nextAttemptAt: null,
    lease: null,
    idempotencyKey: `key_${id}`,
    rkey: null,
    remote: null,
    parts: [],
    sent: null,
    lastError: null,
    publishedAt: null,
    updatedAt: 1,
  };
  return { post, delivery };
}

describe('workspaces: switch, every view follows, export and import (Chromium)', () => {
  let ext: ExtensionBrowser;
  let panel: SidePanel;
  let first: Workspace;
  let second: Workspace;

  const activeId = async () => ((await panel.readRow('settings', 'settings')) as Settings).activeWorkspaceId;
  const waitForActive = (name: string) =>
    panel.page.waitForFunction(
      (wanted) => {
        const select = document.querySelector<HTMLSelectElement>('#workspace-switcher');
        return select?.selectedOptions[0]?.textContent === wanted;
      },
      { timeout: 5000 },
      name,
    );
  const clip = async (linkText: string) => {
    const worker = await ext.worker();
    await worker.evaluate((text) => {
      chrome.contextMenus.onClicked.dispatch(
        { menuItemId: 'clip-link', pageUrl: 'http://127.0.0.1:9/', linkUrl: `http://127.0.0.1:9/${encodeURIComponent(text)}`, linkText: text },
        { id: -1, title: 'Front' },
      );
    }, linkText);
    await panel.waitForClip(linkText);
  };
  const inputIn = async (formLabel: string, fieldLabel: string): Promise<ElementHandle<HTMLInputElement>> => {
    const selector = `xpath/.//form[@aria-labelledby=//h4[normalize-space(.)="${formLabel}"]/@id]//label[contains(normalize-space(.), "${fieldLabel}")]//input`;
    const input = await panel.page.waitForSelector(selector, { timeout: 5000 }).catch(() => null);
    if (!input) throw new Error(`no field "${fieldLabel}" in "${formLabel}"`);
    return input as ElementHandle<HTMLInputElement>;
  };
  const composeHandles = () => panel.page.$$eval('.compose__account', (labels) => labels.map((label) => label.textContent ?? ''));
  const settingsAccounts = () => panel.page.$$eval('[data-testid="account-list"] li', (items) => items.map((item) => (item as HTMLElement).dataset.account));

  /** What each view shows for the active workspace; the Calendar on the week of `calendarDay` (its zone's date). */
  async function views(calendarDay: string) {
    await panel.show('Queue');
    await panel.page.waitForSelector('[data-testid="clip-list"], [aria-label="Your queue is empty"]');
    const queue = await panel.clipTitles();
    await panel.show('Compose');
    await panel.page.waitForSelector('.compose__account');
    const compose = await composeHandles();
    // Stepped to, not assumed to be this week: two hours from now is next week late on a Sunday.
    await panel.showCalendarWeekOf(calendarDay);
    await new Promise((done) => setTimeout(done, 200));
    const calendar = (await panel.calendarChips()).map((chip) => chip.deliveryId);
    await panel.show('Settings');
    await panel.page.waitForSelector('[data-testid="account-list"]');
    const accounts = await settingsAccounts();
    return { queue, compose, calendar, accounts };
  }

  beforeAll(async () => {
    ext = await launchWithExtension();
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    await panel.page.waitForSelector('#workspace-switcher');
    first = (await panel.readRow('workspaces', (await activeId())!)) as Workspace;
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('creates a second workspace in Settings, which becomes active in the header', async () => {
    await panel.show('Settings');
    await (await inputIn('New workspace', 'Name of the client'))!.type('Beta Bakery');
    await panel.clickButton('Create workspace');
    await waitForActive('Beta Bakery');
    expect(await panel.status('settings-status')).toMatch(/Created Beta Bakery/);
    const id = await activeId();
    second = (await panel.readRow('workspaces', id!)) as Workspace;
    expect(second.name).toBe('Beta Bakery');
    expect(second.id).not.toBe(first.id);
  });

  it('each view shows only the active workspace’s data, switched from the header and by keyboard', async () => {
    const alpha = reminderAccount('acct_alpha', first.id, 'linkedin', 'alphabrand');
    const beta = reminderAccount('acct_beta', second.id, 'x', 'betabakery');
    const dueAt = Date.now() + 2 * HOUR;
    const a = scheduled('alpha', alpha, dueAt, 'Alpha post');
    const b = scheduled('beta', beta, dueAt, 'Beta post');
    await panel.putRows('accounts', [alpha, beta]);
    await panel.putRows('posts', [a.post, b.post]);
    await panel.putRows('deliveries', [a.delivery, b.delivery]);
    await panel.page.reload({ waitUntil: 'load' }); // those rows were written behind the views' back
    await clip('Beta clip'); // Beta Bakery is active
    await panel.page.select('#workspace-switcher', first.id);
    await waitForActive(first.name);
    await clip('Alpha clip');

    expect(await views(localDate(dueAt, first.timeZone))).toEqual({
      queue: ['Alpha clip'],
      compose: [expect.stringContaining('@alphabrand')],
      calendar: ['dlv_alpha'],
      accounts: ['alphabrand'],
    });

    await panel.page.focus('[role="tabpanel"]');
    await panel.page.keyboard.down('Alt');
    await panel.page.keyboard.press('KeyW');
    await panel.page.keyboard.up('Alt');
    await waitForActive('Beta Bakery');
    expect(await activeId()).toBe(second.id);
    expect(await views(localDate(dueAt, second.timeZone))).toEqual({
      queue: ['Beta clip'],
      compose: [expect.stringContaining('@betabakery')],
      calendar: ['dlv_beta'],
      accounts: ['betabakery'],
    });
  });

  it('the next-workspace command switches from the background', async () => {
    const worker = await ext.worker();
    await worker.evaluate(() => chrome.commands.onCommand.dispatch('next-workspace'));
    await waitForActive(first.name);
    expect(await activeId()).toBe(first.id);
  });

  it('edits an account’s posting schedule by keyboard, in the workspace’s time zone', async () => {
    await panel.show('Settings');
    await panel.page.waitForSelector('[data-testid="schedule-editor"]');
    expect(await panel.page.$eval('[aria-labelledby="settings-schedule"] .help', (p) => p.textContent)).toContain(first.timeZone);
    const monday = await panel.page.waitForSelector('fieldset[data-weekday="1"] input[type="time"]');
    await monday!.focus();
    await panel.page.keyboard.type('0930');
    await panel.press('Enter');
    await panel.page.waitForFunction(() => document.querySelector('fieldset[data-weekday="1"] ul')?.textContent?.includes('09:30'));
    await panel.clickButton('Copy to weekdays');
    await panel.page.waitForFunction(() => document.querySelector('fieldset[data-weekday="5"] ul')?.textContent?.includes('09:30'));
    const account = (await panel.readRow('accounts', 'acct_alpha')) as Account;
    expect(account.schedule).toEqual([1, 2, 3, 4, 5].map((weekday) => ({ weekday, time: '09:30' })));
  });

  it('connects a Bluesky account on the local PDS through the Settings form, keeping no password and answering no token', async () => {
    const agent = await createAccount('cadence-ws');
    const handle = agent.session!.handle;
    await panel.show('Settings');
    await (await inputIn('Connect Bluesky', 'Handle or e-mail')).type(handle);
    await (await inputIn('Connect Bluesky', 'App password')).type(`${handle.replace(/\.test$/, '')}-password`);
    await panel.page.click('form[aria-labelledby="bsky-new-title"] details summary');
    const server = await inputIn('Connect Bluesky', 'Server (PDS) address');
    await server.click({ count: 3 });
    await server.type(inject('pdsUrl'));
    await panel.clickButton('Connect Bluesky');
    await panel.page.waitForFunction(
      (h) => document.querySelector('[data-testid="settings-status"]')?.textContent === `Connected @${h} on Bluesky.`,
      { timeout: 15_000 },
      handle,
    );
    const accounts = (await panel.readAll('accounts')) as Account[];
    const connected = accounts.find((account) => account.handle === handle)!;
    expect(connected).toMatchObject({ workspaceId: first.id, network: 'bluesky', status: 'connected', publishMode: 'api', remoteId: agent.session!.did });
    const credential = (await panel.readRow('credentials', connected.id)) as { secret: Record<string, string> };
    expect(credential.secret).toMatchObject({ kind: 'atproto-session', did: agent.session!.did });
    expect(JSON.stringify(credential)).not.toContain('-password');
    expect(await settingsAccounts()).toContain(handle);

    await panel.clickButton(`Disconnect @${handle}…`);
    await panel.page.click('input[name="scheduled"]:nth-of-type(1)');
    await panel.clickButton('Disconnect');
    await panel.page.waitForFunction(() => /^Disconnected @/.test(document.querySelector('[data-testid="settings-status"]')?.textContent ?? ''));
    expect(await panel.readRow('credentials', connected.id)).toBeUndefined();
    expect(await panel.readRow('accounts', connected.id)).toMatchObject({ status: 'disconnected' });
    await panel.page.waitForSelector(`xpath/.//button[normalize-space(.)="Reconnect @${handle}"]`);
  });

  it('exports a backup file, deletes a workspace after confirming, and imports the file back without duplicates', async () => {
    await panel.show('Settings');
    await panel.clickButton('Export backup');
    const link = await panel.page.waitForSelector('[data-testid="backup-download"]');
    const name = await link!.evaluate((a) => (a as HTMLAnchorElement).download);
    expect(name).toMatch(/^cadence-all-\d{4}-\d{2}-\d{2}\.json$/);
    const text = await link!.evaluate(async (a) => (await fetch((a as HTMLAnchorElement).href)).text());
    const file = JSON.parse(text) as { format: string; includesCredentials: boolean; data: { workspaces: Workspace[]; credentials?: unknown } };
    expect(file.format).toBe('cadence-backup');
    expect(file.includesCredentials).toBe(false);
    expect(file.data.credentials).toBeUndefined();
    expect(file.data.workspaces.map((w) => w.name).sort()).toEqual([first.name, 'Beta Bakery'].sort());
    const path = join(mkdtempSync(join(tmpdir(), 'cadence-backup-')), name);
    writeFileSync(path, text);

    await panel.clickButton('Delete Beta Bakery…');
    const details = await panel.page.waitForFunction(() => document.querySelector('#delete-details:not([aria-busy])')?.textContent || null);
    expect(String(await details.jsonValue())).toMatch(/1 account .*1 post with 1 delivery/);
    expect(String(await details.jsonValue())).toMatch(/1 scheduled delivery will not be published/);
    await panel.clickButton('Delete Beta Bakery');
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="settings-status"]')?.textContent === 'Deleted Beta Bakery.');
    expect(await panel.readRow('workspaces', second.id)).toBeUndefined();
    expect(await panel.readRow('deliveries', 'dlv_beta')).toBeUndefined();

    const input = (await panel.page.$('input[type="file"]')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(path);
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="import-status"]')?.textContent?.includes('Import finished'), {
      timeout: 10_000,
    });
    expect(await panel.status('import-status')).toMatch(/workspaces: 1 added, 0 updated, 1 skipped/);
    expect(((await panel.readRow('workspaces', second.id)) as Workspace).name).toBe('Beta Bakery');
    // Its scheduled post was deleted with it: restored from the backup, it waits for the user's
    // Confirm instead of going out again on its own (issue 18, hole 8), and the panel says so.
    expect(await panel.status('import-status')).toMatch(/1 post that was still to go out is held until you confirm it/);
    expect(await panel.readRow('deliveries', 'dlv_beta')).toMatchObject({ state: 'held', lastError: { code: 'imported' } });
    expect(await panel.status('imported-holds')).toMatch(/^1 imported post is waiting for you to confirm/);
    await panel.clickButton('Move to drafts');
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="imported-holds-status"]')?.textContent === '1 post moved to drafts.', {
      timeout: 5000,
    });
    expect(await panel.readRow('deliveries', 'dlv_beta')).toMatchObject({ state: 'draft', dueAt: null, lastError: null });
    await panel.page.waitForSelector('#imported-holds-title', { hidden: true });
    const counts = async () =>
      Object.fromEntries(
        await Promise.all(['workspaces', 'accounts', 'clips', 'clipTerms', 'posts', 'deliveries'].map(async (s) => [s, (await panel.readAll(s)).length])),
      );
    const once = await counts();
    await input.uploadFile(path);
    await panel.page.waitForFunction(() => /0 added, 0 updated/.test(document.querySelector('[data-testid="import-status"] p')?.textContent ?? ''), {
      timeout: 10_000,
    });
    expect(await counts()).toEqual(once);

    // A damaged file changes nothing and says why.
    writeFileSync(path, text.slice(0, text.length / 2));
    await input.uploadFile(path);
    const problems = await panel.page.waitForSelector('[data-testid="import-problems"]');
    expect(await problems!.evaluate((el) => el.textContent)).toMatch(/truncated/);
    expect(await counts()).toEqual(once);
  });

  it('puts sign-ins in a backup only after a warning is confirmed', async () => {
    await panel.putRows('credentials', [
      {
        v: 1,
        accountId: 'acct_alpha',
        secret: { kind: 'oauth', server: 'https://m.test', clientId: 'c', clientSecret: 's', accessToken: 'token-alpha', scope: 'write' },
        updatedAt: 1,
      },
    ]);
    const before = await panel.page.$eval('[data-testid="backup-download"]', (a) => (a as HTMLAnchorElement).href);
    await panel.page.click('xpath/.//label[contains(normalize-space(.), "Include account sign-ins")]/input');
    await panel.clickButton('Export backup');
    const warning = await panel.page.waitForSelector('#signins-warning');
    expect(await warning!.evaluate((p) => p.textContent)).toMatch(/anyone who gets it can post as them/);
    await panel.clickButton('Export with sign-ins');
    await panel.page.waitForFunction((old) => document.querySelector<HTMLAnchorElement>('[data-testid="backup-download"]')?.href !== old, {}, before);
    const text = await panel.page.$eval('[data-testid="backup-download"]', async (a) => (await fetch((a as HTMLAnchorElement).href)).text());
    const file = JSON.parse(text) as { includesCredentials: boolean; data: { credentials: { accountId: string }[] } };
    expect(file.includesCredentials).toBe(true);
    expect(file.data.credentials.map((c) => c.accountId)).toContain('acct_alpha');
  });
});
