import type { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Account } from '@/lib/model';
import { createCouch, type Couch } from '@/lib/team/couch';
import { teamPostSchema } from '@/lib/team/documents';
import { runnerCredentialDocSchema } from '@/lib/team/runner-docs';
import { setUpWorkspace } from '@/lib/team/server-setup';
import { startCouch, type TestCouch } from '../harness/couch';
import { exitOf, startRunnerProcess } from '../harness/runner-process';
import { makeTeamBody, makeTeamDelivery, makeTeamPost } from '../harness/team-posts';
import { removeTempDir, shortTempDir } from '../harness/temp';
import { createAccount, pollUntil, processAll, uniq } from '../integration/support';
import { SidePanel } from './pages/side-panel';
import { clickRunnerButton, fillRunnerForm } from './pages/runner-section';
import { launchWithExtension, type ExtensionBrowser } from './support/launch';

/**
 * Issue 23's runner, end to end: a member hands a Bluesky account to the team's runner from the real
 * Settings panel in Chromium (the app password sealed in the panel to the key `cadence-runner init`
 * published), takes it back and hands it over again; then, with the browser closed, the runner process publishes the workspace's
 * scheduled post once to the local PDS.
 *
 * Replication from the extension to the team server is another branch's work (Settings → Team), so
 * the scheduled post is written into the workspace database over HTTP, as the member's replication
 * will write it. The two-profile e2e of the issue joins both after merging.
 */
describe('the runner publishes with every laptop shut (Chromium + pouchdb-server + local PDS)', () => {
  let couch: TestCouch;
  let owner: Couch;
  let ext: ExtensionBrowser | null = null;
  let panel: SidePanel;
  let brand: AtpAgent;
  let account: Account;
  let dir = '';
  const runnerUrl = () => couch.url.replace('http://', 'http://runner:runner-password@');

  beforeAll(async () => {
    dir = shortTempDir('runner-e2e');
    couch = await startCouch();
    const admin = createCouch({ url: couch.url, user: couch.admin.user, password: couch.admin.password, fetch });
    await setUpWorkspace(admin, {
      workspaceId: 'agency',
      requiresApproval: true,
      members: [
        { name: 'olga', password: 'olga-password', roles: ['owner', 'editor'] },
        { name: 'runner', password: 'runner-password', roles: ['publisher'] },
      ],
    });
    owner = createCouch({ url: couch.url, user: 'olga', password: 'olga-password', fetch });
    const init = startRunnerProcess(['init', '--couch', runnerUrl(), '--workspace', 'agency', '--dir', dir]);
    expect(await exitOf(init), init.output()).toEqual({ code: 0, signal: null });

    // The e2e build: its loopback host permission stands in for the grant a member gives the team server in the click.
    ext = await launchWithExtension({ build: 'e2e' });
    panel = await SidePanel.open(ext.browser, ext.extensionId);
    await panel.page.setViewport({ width: 520, height: 2400 });
    await panel.page.waitForFunction(() => document.querySelector('[data-testid="active-workspace"]')?.textContent !== 'No workspace yet');
    brand = await createAccount('brand-run');
    await processAll(); // connecting reads the profile from the AppView
    const handle = brand.session!.handle;
    await panel.connectBluesky({ handle, password: `${handle.replace(/\.test$/, '')}-password`, server: inject('pdsUrl') });
    account = ((await panel.readAll('accounts')) as Account[]).find((a) => a.handle === handle)!;
  });

  afterAll(async () => {
    await ext?.close();
    await couch?.stop();
    removeTempDir(dir);
  });

  it('hands the account over in Settings (and takes it back, and again), then publishes the post once with the browser closed', async () => {
    const appPassword = (await brand.com.atproto.server.createAppPassword({ name: 'cadence-runner' })).data.password;
    const handOver = async () => {
      await fillRunnerForm(panel, {
        team: { server: couch.url, workspaceId: 'agency', user: 'olga', password: 'olga-password' },
        runnerId: 'runner',
        handle: account.handle,
        appPassword,
      });
      await clickRunnerButton(
        panel,
        'Hand this account to the runner',
        `@${account.handle} is handed to the runner “runner”: its scheduled posts go out with every laptop shut.`,
      );
    };
    await handOver();
    // On the server: only ciphertext, in the member's name, for this runner.
    const stored = await owner.get('cadence-agency', `runner-credential:${account.id}`);
    expect(runnerCredentialDocSchema.parse(stored)).toMatchObject({ runnerId: 'runner', by: 'olga', account: { id: account.id, handle: account.handle } });
    expect(JSON.stringify(stored)).not.toContain(appPassword);

    // Take back deletes it on the server; handed over again, it is there again.
    await clickRunnerButton(panel, 'Take back', `@${account.handle} is taken back: the runner forgets its sign-in at its next read.`);
    expect(await owner.get('cadence-agency', `runner-credential:${account.id}`)).toBeNull();
    await handOver();
    expect(runnerCredentialDocSchema.parse(await owner.get('cadence-agency', `runner-credential:${account.id}`)).by).toBe('olga');

    await ext!.close();
    ext = null;

    // The member's approved post, scheduled and due (written as replication would write it).
    const due = Date.now() - 1_000;
    const text = `Out while every laptop is shut ${uniq()}`;
    const delivery = makeTeamDelivery('shut-d1', due, { accountId: account.id });
    await owner.put(
      'cadence-agency',
      makeTeamPost('shut', 'olga', due, { state: 'scheduled', body: makeTeamBody('shut', text, due), deliveries: { 'shut-d1': delivery } }) as never,
    );

    const runner = startRunnerProcess(['--couch', runnerUrl(), '--workspace', 'agency', '--dir', dir, '--every', '1']);
    const sent = await pollUntil(async () => teamPostSchema.parse(await owner.get('cadence-agency', 'post:shut')).deliveries['shut-d1']?.sent, 30_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n${runner.output()}`);
      },
    );
    // A few more rounds: still once.
    await new Promise((done) => setTimeout(done, 2_500));
    runner.child.kill('SIGTERM');
    expect(await exitOf(runner)).toEqual({ code: 0, signal: null });
    const { data } = await brand.com.atproto.repo.listRecords({ repo: brand.session!.did, collection: 'app.bsky.feed.post', limit: 100 });
    const posted = data.records.filter((record) => (record.value as { text?: string }).text === text);
    expect(posted.map((record) => record.uri)).toEqual([sent.uri]);
    expect(sent.uri).toBe(`at://${brand.session!.did}/app.bsky.feed.post/${delivery.rkey}`);
    expect(runner.output()).not.toContain(appPassword);
  });
});
