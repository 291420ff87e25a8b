import type { AtpAgent } from '@atproto/api';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Delivery, Post } from '@/lib/model';
import { createCouch, TeamForbiddenError, type Couch } from '@/lib/team/couch';
import type { TeamPost } from '@/lib/team/documents';
import { setUpWorkspace } from '@/lib/team/server-setup';
import { startCouch, type TestCouch } from '../harness/couch';
import { exitOf, startRunnerProcess, type RunnerProcess } from '../harness/runner-process';
import { removeTempDir, shortTempDir } from '../harness/temp';
import { createAccount, pollUntil, processAll, uniq } from '../integration/support';
import { clickRunnerButton, fillRunnerForm } from './pages/runner-section';
import { SidePanel } from './pages/side-panel';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * Issue 23 end to end: two Chromium profiles are two members of one shared workspace on a real
 * pouchdb-server, plus one runner process. The editor (whose browser holds the Bluesky account)
 * hands the account to the runner from Settings → The runner, drafts and proposes; the approver
 * approves from the other profile; the editor schedules. Then both browsers are closed: nothing
 * goes out while no runner is up, and once the runner is started it publishes the post (as the
 * editor's replication wrote it) once to the local PDS and records it sent on the server. A client
 * cannot approve a post not shared with them: the server refuses it (a direct HTTP write as that
 * client).
 */
const MEMBERS = [
  { name: 'ed', password: 'ed-password-1', roles: ['editor' as const, 'publisher' as const] },
  { name: 'alice', password: 'alice-password-1', roles: ['approver' as const] },
  { name: 'cleo', password: 'cleo-password-1', roles: ['client' as const] },
  { name: 'runner', password: 'runner-password-1', roles: ['publisher' as const] },
];

describe('a shared workspace between two browsers (Chromium, pouchdb-server, local PDS)', () => {
  let couch: TestCouch;
  let admin: Couch;
  const browsers: ExtensionBrowser[] = [];
  let editor: SidePanel;
  let approver: SidePanel;
  let brand: AtpAgent;
  let workspaceId: string;
  let dir = '';
  let runner: RunnerProcess | null = null;
  const runnerArgs = () => ['--couch', couch.url.replace('http://', 'http://runner:runner-password-1@'), '--workspace', workspaceId, '--dir', dir];

  beforeAll(async () => {
    dir = shortTempDir('team-runner');
    couch = await startCouch();
    admin = createCouch({ url: couch.url, user: couch.admin.user, password: couch.admin.password, fetch });
    for (let i = 0; i < 2; i++) browsers.push(await launchWithExtension({ build: 'e2e' }));
    editor = await SidePanel.open(browsers[0]!.browser, browsers[0]!.extensionId);
    approver = await SidePanel.open(browsers[1]!.browser, browsers[1]!.extensionId);
    for (const panel of [editor, approver]) await panel.page.setViewport({ width: 520, height: 2400 });
    workspaceId = (await editor.activeWorkspace()).id;
    // The server admin sets the workspace up with the id Settings → Team shows.
    await setUpWorkspace(admin, { workspaceId, requiresApproval: true, members: MEMBERS });
    // The team's runner makes its key and publishes it to the workspace (`npx cadence-runner init`).
    const init = startRunnerProcess(['init', ...runnerArgs()]);
    expect(await exitOf(init), init.output()).toEqual({ code: 0, signal: null });
    brand = await createAccount('team-brand');
    await processAll();
    const handle = brand.session!.handle;
    await editor.connectBluesky({ handle, password: `${handle.replace(/\.test$/, '')}-password`, server: inject('pdsUrl') });
  }, 180_000);

  afterAll(async () => {
    for (const ext of browsers.splice(0)) await ext.close();
    runner?.child.kill('SIGTERM');
    await couch?.stop();
    removeTempDir(dir);
  });

  const fill = async (panel: SidePanel, form: string, label: string, text: string) => {
    const input = await panel.page.waitForSelector(`xpath/.//form[@aria-label="${form}"]//label[contains(normalize-space(.), "${label}")]//input`, {
      timeout: 5000,
    });
    await input!.click({ count: 3 });
    await input!.type(text);
  };
  const signIn = async (panel: SidePanel, member: (typeof MEMBERS)[number]) => {
    await panel.show('Settings');
    await fill(panel, 'Team server', 'Team server', couch.url);
    await fill(panel, 'Team server', 'Your CouchDB user', member.name);
    await fill(panel, 'Team server', 'Password', member.password);
  };
  const serverPost = async (postId: string) => (await admin.get(`cadence-${workspaceId}`, `post:${postId}`)) as TeamPost | null;
  const teamState = (panel: SidePanel) => panel.page.$eval('[data-testid="team-state"]', (element) => element.textContent).catch(() => null);
  const openDraft = async (panel: SidePanel, text: string) => {
    await panel.show('Compose');
    const toggle = await panel.page.waitForSelector('[data-testid="drafts-toggle"]', { timeout: 10_000 }).catch(async () => {
      throw new Error(`no Drafts toggle in Compose: ${await panel.page.$eval('main, body', (element) => element.textContent?.slice(0, 600))}`);
    });
    await toggle!.click();
    const open = await panel.page.waitForSelector(`xpath/.//button[starts-with(@aria-label, "Open the draft “${text.slice(0, 20)}")]`, { timeout: 20_000 });
    await open!.click();
    await panel.page.waitForSelector('[data-testid="team-review"]', { timeout: 10_000 });
  };

  it('shares, hands the account to the runner, proposes, approves in the other browser, schedules, and with both browsers closed the runner publishes it once', async () => {
    const handle = brand.session!.handle;
    await signIn(editor, MEMBERS[0]!);
    expect(await editor.status('team-workspace-id')).toBe(workspaceId);
    await editor.clickButton('Share this workspace');
    await editor.page.waitForSelector('[data-testid="team-linked"]', { timeout: 20_000 });
    // The roles come with the first sync's read of the design document: under load, a moment after the link.
    await editor.page
      .waitForFunction(() => document.querySelector('[data-testid="team-linked"]')?.textContent?.includes('as ed (editor, publisher)'), { timeout: 20_000 })
      .catch(async () => expect(await editor.status('team-linked')).toContain('as ed (editor, publisher)'));

    await signIn(approver, MEMBERS[1]!);
    await fill(approver, 'Join a shared workspace', 'Shared workspace id', workspaceId);
    await approver.clickButton('Join a shared workspace');
    await approver.page.waitForFunction(
      () => document.querySelector('[data-testid="settings-status"]')?.textContent?.startsWith('Joined the shared workspace'),
      {
        timeout: 20_000,
      },
    );
    await approver.page.select('[data-testid="active-workspace"]', workspaceId);
    await approver.page.waitForSelector('[data-testid="team-linked"]', { timeout: 10_000 });
    // The account came with the workspace, never its sign-in: the approver's Settings says who holds it.
    await approver.page.waitForFunction(
      (h) => document.querySelector('[data-testid="team-held-by"]')?.textContent?.includes(`${h} (bluesky): held by ed`),
      { timeout: 20_000 },
      handle,
    );

    // The editor hands the account to the runner (an app password made for it, sealed in the panel to the runner's key).
    const appPassword = (await brand.com.atproto.server.createAppPassword({ name: 'cadence-runner' })).data.password;
    // Shared, The runner asks for no team server: it uses Settings → Team's.
    await fillRunnerForm(editor, { runnerId: 'runner', handle, appPassword });
    await clickRunnerButton(
      editor,
      'Hand this account to the runner',
      `@${handle} is handed to the runner “runner”: its scheduled posts go out with every laptop shut.`,
    );

    // The editor writes and plans it (a time ~3 minutes ahead): shared, it waits as a draft until approved.
    const text = `Team launch ${uniq()}`;
    await editor.show('Compose');
    await editor.chooseAccount(handle);
    await editor.typeSharedText(text);
    const at = DateTime.now().plus({ minutes: 3 }).startOf('minute');
    expect(await editor.scheduleAt(at.toFormat("yyyy-MM-dd'T'HH:mm"))).toMatch(/^Queued for /);
    const post = await pollUntil(async () => ((await editor.readAll('posts')) as Post[]).find((p) => p.text === text), 10_000);
    const draft = await pollUntil(async () => {
      const doc = await serverPost(post.id);
      return doc && Object.keys(doc.deliveries).length === 1 ? doc : null;
    }, 30_000);
    expect(draft.state).toBe('draft');
    await pollUntil(async () => ((await editor.readAll('deliveries')) as Delivery[]).find((d) => d.postId === post.id && d.state === 'draft'), 30_000);

    await openDraft(editor, text);
    expect(await teamState(editor)).toBe('Draft');
    await editor.clickButton('Propose for review');
    await editor.page.waitForFunction(() => document.querySelector('[data-testid="team-state"]')?.textContent === 'In review', { timeout: 20_000 });

    // The approver's browser pulls it, through the store's schemas, and approves it there.
    await openDraft(approver, text);
    await approver.page.waitForFunction(() => document.querySelector('[data-testid="team-state"]')?.textContent === 'In review', { timeout: 30_000 });
    const comment = await approver.page.waitForSelector('[data-testid="team-review"] textarea');
    await comment!.type('Lovely, ship it');
    await approver.clickButton('Approve');
    await approver.page.waitForFunction(() => document.querySelector('[data-testid="team-state"]')?.textContent === 'Approved', { timeout: 20_000 });
    expect((await serverPost(post.id))!.review).toMatchObject({ by: 'alice', verdict: 'approved', comment: 'Lovely, ship it' });

    // A client it is not shared with cannot approve it: the server refuses, whatever any UI does.
    const cleo = createCouch({ url: couch.url, user: 'cleo', password: MEMBERS[2]!.password, fetch });
    const current = (await serverPost(post.id))!;
    await expect(
      cleo.put(`cadence-${workspaceId}`, {
        ...current,
        _id: current._id,
        state: 'scheduled',
        history: [...current.history, { by: 'cleo', at: Date.now(), action: 'scheduled' }],
      }),
    ).rejects.toBeInstanceOf(TeamForbiddenError);

    // The editor sees the approval and schedules it; the server has it scheduled, nothing sent or held.
    await editor.page.waitForFunction(() => document.querySelector('[data-testid="team-state"]')?.textContent === 'Approved', { timeout: 30_000 });
    await editor.clickButton('Schedule');
    await editor.page.waitForFunction(() => document.querySelector('[data-testid="team-state"]')?.textContent === 'Scheduled', { timeout: 20_000 });
    const scheduled = await pollUntil(async () => {
      const doc = await serverPost(post.id);
      return doc?.state === 'scheduled' ? doc : null;
    }, 20_000);
    const [deliveryId, planned] = Object.entries(scheduled.deliveries)[0]!;
    expect(planned).toMatchObject({ dueAt: at.toMillis(), lease: null, sent: null });

    // Every laptop shut: both browsers close before the post is due.
    expect(Date.now(), 'the browsers close before the post is due (the flow ran long)').toBeLessThan(at.toMillis() - 5_000);
    for (const ext of browsers.splice(0)) await ext.close();
    const onThePds = async () => {
      const { data } = await brand.com.atproto.repo.listRecords({ repo: brand.session!.did, collection: 'app.bsky.feed.post', limit: 100 });
      return data.records.filter((record) => (record.value as { text?: string }).text === text);
    };
    // Due, with no browser and no runner up: nothing goes out (so what follows is the runner's doing).
    await new Promise((done) => setTimeout(done, Math.max(0, at.toMillis() - Date.now()) + 3_000));
    expect(await onThePds()).toEqual([]);
    expect((await serverPost(post.id))!.deliveries[deliveryId]!.sent).toBeNull();

    // Only the runner is up: it reads the post the editor's replication wrote and publishes it once.
    runner = startRunnerProcess([...runnerArgs(), '--every', '1']);
    const started = runner;
    const sent = await pollUntil(async () => (await serverPost(post.id))!.deliveries[deliveryId]!.sent, 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${started.output()}`);
    });
    expect(sent).toMatchObject({ by: 'runner', uri: `at://${brand.session!.did}/app.bsky.feed.post/${planned.rkey}` });
    // A few more rounds: still once.
    await new Promise((done) => setTimeout(done, 2_500));
    runner.child.kill('SIGTERM');
    expect(await exitOf(runner), runner.output()).toEqual({ code: 0, signal: null });
    runner = null;
    expect((await onThePds()).map((record) => record.uri)).toEqual([sent.uri]);
    expect(started.output()).not.toContain(appPassword);
    // The history says who did what.
    expect((await serverPost(post.id))!.history.map((entry) => `${entry.by} ${entry.action}`)).toEqual(
      expect.arrayContaining(['ed created', 'ed proposed for review', 'alice approved', 'ed scheduled']),
    );
  }, 420_000);
});
