import { AtpAgent } from '@atproto/api';
import type { Browser, CDPSession, Page, WebWorker } from 'puppeteer-core';
import { startBenchNetwork, type BenchNetwork } from './local-network.ts';
import { figure, type Figure } from './stats.ts';
import type { BenchContext } from './context.ts';

/**
 * The background against a real local AT Protocol network (issue 9): publish lateness with the
 * browser open and the real `publish` alarm, publisher throughput, requests per idle poll, and the
 * worker's JS heap after a simulated day of alarms. The extension is connected to a fresh account
 * through the Settings message, via a counting proxy in front of the PDS (bench/local-network.ts).
 */
type Context = Pick<BenchContext, 'browser' | 'extensionId' | 'seed' | 'mulberry32' | 'notes'>;

const BRAND = { handle: 'brand.test', password: 'bench-brand-pass' };
const FAN = { handle: 'fan.test', password: 'bench-fan-pass' };
const LATENESS_POSTS = 30;
const LATENESS_SPACING_MS = 3_000;
const THROUGHPUT_RUNS = 3;
const THROUGHPUT_POSTS = 30;

const log = (line: string) => process.stderr.write(`[bench background ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const isBackground = (url: string) => url.endsWith('/background.js');

/** A post and its one Bluesky delivery, shaped exactly like lib/model/post.ts and delivery.ts (v1). */
function postRows(id: string, text: string, workspaceId: string, accountId: string, dueAt: number, now: number) {
  const post = {
    v: 1,
    id: `post_${id}`,
    workspaceId,
    clipId: null,
    text,
    variants: [{ accountId, text: null, thread: [] }],
    media: [],
    link: null,
    lang: 'en',
    campaign: null,
    pillar: null,
    utm: { enabled: false, medium: 'social', campaign: '' },
    experiment: null,
    evergreenDays: null,
    replyTo: null,
    createdAt: now,
    updatedAt: now,
  };
  const delivery = {
    v: 1,
    id: `dlv_${id}`,
    postId: post.id,
    accountId,
    workspaceId,
    network: 'bluesky',
    state: 'scheduled',
    method: 'api',
    dueAt,
    attempt: 0,
    nextAttemptAt: null,
    lease: null,
    idempotencyKey: `key_${id}`,
    rkey: null,
    remote: null,
    parts: [],
    lastError: null,
    publishedAt: null,
    updatedAt: now,
  };
  return { post, delivery };
}

type Rows = ReturnType<typeof postRows>[];

/**
 * Raw IndexedDB from the extension page: the same database the worker uses. The body is spliced
 * into the evaluated source (CDP evaluation is not subject to the page's CSP; `new Function` is).
 */
function idb<T>(page: Page, body: string, arg: unknown): Promise<T> {
  return page.evaluate(`(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('cadence');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => resolve(open.result);
    });
    const arg = ${JSON.stringify(arg)};
    try { return await (async () => { ${body} })(); } finally { db.close(); }
  })()`) as Promise<T>;
}

const WRITE_ROWS = `return new Promise((resolve, reject) => {
  const tx = db.transaction(['posts', 'deliveries'], 'readwrite');
  for (const { post, delivery } of arg) { tx.objectStore('posts').put(post); tx.objectStore('deliveries').put(delivery); }
  tx.oncomplete = () => resolve(null); tx.onerror = () => reject(tx.error);
});`;
const READ_DELIVERIES = `return new Promise((resolve, reject) => {
  const all = db.transaction('deliveries').objectStore('deliveries').getAll();
  all.onsuccess = () => resolve(all.result.filter((d) => arg.includes(d.id)).map((d) => ({ id: d.id, state: d.state, dueAt: d.dueAt, publishedAt: d.publishedAt, attempt: d.attempt })));
  all.onerror = () => reject(all.error);
});`;
const READ_ONE = `return new Promise((resolve, reject) => {
  const get = db.transaction(arg.store).objectStore(arg.store).get(arg.key);
  get.onsuccess = () => resolve(get.result ?? null); get.onerror = () => reject(get.error);
});`;
const PUT_ONE = `return new Promise((resolve, reject) => {
  const tx = db.transaction(arg.store, 'readwrite'); tx.objectStore(arg.store).put(arg.value);
  tx.oncomplete = () => resolve(null); tx.onerror = () => reject(tx.error);
});`;
const LIST_ACCOUNTS = `return new Promise((resolve, reject) => {
  const all = db.transaction('accounts').objectStore('accounts').getAll();
  all.onsuccess = () => resolve(all.result); all.onerror = () => reject(all.error);
});`;

interface DeliveryState {
  id: string;
  state: string;
  dueAt: number;
  publishedAt: number | null;
  attempt: number;
}

async function send(page: Page, type: string, payload: unknown): Promise<unknown> {
  const answer = (await page.evaluate((message) => chrome.runtime.sendMessage(message), { type, payload })) as {
    ok: boolean;
    value?: unknown;
    error?: { message: string };
  };
  if (!answer?.ok) throw new Error(`${type} failed: ${answer?.error?.message ?? 'no answer'}`);
  return answer.value;
}

async function waitPublished(page: Page, ids: string[], timeoutMs: number): Promise<DeliveryState[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await idb<DeliveryState[]>(page, READ_DELIVERIES, ids);
    const settled = rows.filter((row) => row.state === 'published' || row.state === 'failed' || row.state === 'held');
    if (settled.length === ids.length || Date.now() > until) return rows;
    await sleep(250);
  }
}

/** Every post on the brand's repository, read from the PDS directly (not through the proxy). */
async function postsOnNetwork(agent: AtpAgent): Promise<string[]> {
  const texts: string[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await agent.com.atproto.repo.listRecords({ repo: agent.session!.did, collection: 'app.bsky.feed.post', limit: 100, cursor });
    for (const record of data.records) texts.push(String((record.value as { text?: string }).text ?? ''));
    cursor = data.records.length === 100 ? data.cursor : undefined;
  } while (cursor);
  return texts;
}

/** Quiet: nothing in flight through the proxy for `quietMs`. */
async function settle(net: BenchNetwork, quietMs = 150, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  let quietSince = Date.now();
  while (Date.now() < until) {
    if (net.inFlight() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await sleep(20);
  }
}

/** The account's next poll set to now (no row yet means never polled: due already). Returns its lastPolledAt. */
async function makeDue(page: Page, accountId: string): Promise<number | null> {
  const state = await idb<({ lastPolledAt: number | null } & Record<string, unknown>) | null>(page, READ_ONE, { store: 'pollState', key: accountId });
  if (!state) return null;
  await idb(page, PUT_ONE, { store: 'pollState', value: { ...state, nextPollAt: 0 } });
  return state.lastPolledAt;
}

async function currentWorker(browser: Browser): Promise<{ worker: WebWorker; session: CDPSession; targetId: unknown }> {
  const target = await browser.waitForTarget((t) => t.type() === 'service_worker' && isBackground(t.url()));
  const worker = await target.worker();
  if (!worker) throw new Error('no service worker');
  return { worker, session: await target.createCDPSession(), targetId: target };
}

async function heapMB(session: CDPSession): Promise<number> {
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = await session.send('Runtime.getHeapUsage');
  return Math.round((usedSize / 2 ** 20) * 100) / 100;
}

export async function benchBackground(context: Context): Promise<Figure[]> {
  const { browser, extensionId, notes } = context;
  const figures: Figure[] = [];
  const started = Date.now();
  const net = await startBenchNetwork();
  notes.push(`background: local AT Protocol network started in ${Date.now() - started} ms (PDS ${net.network.pdsUrl}, counting proxy ${net.proxyUrl})`);
  const page = await browser.newPage();
  try {
    const brand = new AtpAgent({ service: net.network.pdsUrl });
    await brand.createAccount({ handle: BRAND.handle, email: 'brand@cadence.test', password: BRAND.password });
    const fan = new AtpAgent({ service: net.network.pdsUrl });
    await fan.createAccount({ handle: FAN.handle, email: 'fan@cadence.test', password: FAN.password });
    await fan.follow(brand.session!.did);
    await brand.upsertProfile((existing) => ({ ...existing, displayName: 'Bench Brand' }));
    await net.network.processAll(); // the AppView knows the profile the connect reads

    await page.goto(`chrome-extension://${extensionId}/sidepanel.html`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[role="tablist"]');
    const settings = await idb<{ activeWorkspaceId: string } | null>(page, READ_ONE, { store: 'settings', key: 'settings' });
    if (!settings?.activeWorkspaceId) throw new Error('no active workspace after first run');
    // The AppView indexes the new profile from the firehose; the connect reads it, so retry until it is there.
    for (let attempt = 0; ; attempt++) {
      try {
        await send(page, 'account.connectBluesky', {
          workspaceId: settings.activeWorkspaceId,
          service: net.proxyUrl,
          identifier: BRAND.handle,
          password: BRAND.password,
        });
        break;
      } catch (error) {
        if (attempt >= 5 || !String(error).includes('Profile not found')) throw error;
        await sleep(1000);
        await net.network.processAll();
      }
    }
    const accounts = await idb<{ id: string; handle: string; workspaceId: string; status: string }[]>(page, LIST_ACCOUNTS, null);
    const account = accounts.find((a) => a.handle === BRAND.handle && a.status === 'connected');
    if (!account) throw new Error('the bench account did not connect');
    // The panel page counts as "visible" for the poller only through panel.visible; it is never sent here.
    await sleep(3000); // the connect's own follow-ups (first poll, follower reading, publish run) settle
    await settle(net);

    log('connected; lateness');
    // 1. Lateness: N posts due every few seconds, published by the real `publish` alarm.
    const rand = context.mulberry32(context.seed);
    const base = Date.now() + 15_000;
    const latenessRows: Rows = Array.from({ length: LATENESS_POSTS }, (_, i) =>
      postRows(`late_${i}`, `Bench lateness ${i}: ${Math.floor(rand() * 1e6)}`, account.workspaceId, account.id, base + i * LATENESS_SPACING_MS, Date.now()),
    );
    await idb(page, WRITE_ROWS, latenessRows);
    await send(page, 'schedule.changed', {});
    const lateIds = latenessRows.map((r) => r.delivery.id);
    const late = await waitPublished(page, lateIds, 15_000 + LATENESS_POSTS * LATENESS_SPACING_MS + 120_000);
    const published = late.filter((r) => r.state === 'published' && r.publishedAt !== null);
    if (published.length < late.length)
      notes.push(`background: LATENESS — only ${published.length}/${late.length} posts published (${late.map((r) => r.state).join(',')})`);
    figures.push(
      figure(
        'publish.lateness (publishedAt − dueAt), browser open, real alarms',
        's',
        published.map((r) => (r.publishedAt! - r.dueAt) / 1000),
        `target p95 ≤ 35 s; ${LATENESS_POSTS} posts due ${LATENESS_SPACING_MS / 1000} s apart`,
      ),
    );

    log('throughput');
    // 2. Throughput: M posts all due at once, from "schedule.changed" until the last is published.
    const rates: number[] = [];
    const allRows: Rows = [...latenessRows];
    for (let run = 0; run < THROUGHPUT_RUNS; run++) {
      const now = Date.now();
      const rows: Rows = Array.from({ length: THROUGHPUT_POSTS }, (_, i) =>
        postRows(`burst_${run}_${i}`, `Bench burst ${run}.${i}: ${Math.floor(rand() * 1e6)}`, account.workspaceId, account.id, now - 1000, now),
      );
      allRows.push(...rows);
      await idb(page, WRITE_ROWS, rows);
      const sentAt = Date.now();
      await send(page, 'schedule.changed', {});
      const done = await waitPublished(
        page,
        rows.map((r) => r.delivery.id),
        180_000,
      );
      const ok = done.filter((r) => r.state === 'published' && r.publishedAt !== null);
      if (ok.length < rows.length) notes.push(`background: THROUGHPUT run ${run} — only ${ok.length}/${rows.length} published`);
      const last = Math.max(...ok.map((r) => r.publishedAt!));
      rates.push(ok.length / ((last - sentAt) / 1000));
      await settle(net);
    }
    figures.push(
      figure(
        'publish.throughput (all due at once)',
        'posts/s',
        rates.map((r) => Math.round(r * 100) / 100),
        `${THROUGHPUT_POSTS} posts per run, schedule.changed → last published (includes the ≥ 1 s alarm)`,
      ),
    );

    log('posts on the network');
    // Exactly one post on the network per delivery: duplicates are a bug.
    const texts = await postsOnNetwork(brand);
    const expected = new Set(allRows.map((r) => r.post.text));
    const ours = texts.filter((t) => expected.has(t));
    const duplicates = ours.length - new Set(ours).size;
    figures.push(figure('publish.postsOnNetwork', 'posts', [ours.length], `expected exactly ${expected.size}; duplicates ${duplicates}`));
    if (duplicates > 0 || ours.length !== expected.size) {
      const message = `background: DUPLICATE OR MISSING POSTS — ${ours.length} on the network for ${expected.size} deliveries (${duplicates} duplicates). This is a publisher bug.`;
      console.error(`\n!!! ${message}\n`);
      notes.push(message);
    }

    log('idle polls');
    // 3. Requests per idle poll: the account made due, the real `poll` handler run by its alarm.
    const { worker } = await currentWorker(browser);
    const pollRequests: number[] = [];
    const pollPaths: Record<string, number> = {};
    await sleep(2500); // the metrics re-plan after the bursts (2 s debounce)
    await settle(net);
    for (let i = 0; i < 10; i++) {
      const state = await makeDue(page, account.id);
      await settle(net);
      const pending = await worker.evaluate(async () => (await chrome.alarms.get('poll'))?.scheduledTime ?? null);
      net.reset();
      const dispatchedAt = Date.now();
      await worker.evaluate(() => chrome.alarms.onAlarm.dispatch({ name: 'poll', scheduledTime: Date.now() }));
      const until = Date.now() + 10_000;
      while (Date.now() < until) {
        const after = await idb<{ lastPolledAt: number | null }>(page, READ_ONE, { store: 'pollState', key: account.id });
        if (after && after.lastPolledAt !== state) break;
        await sleep(50);
      }
      await settle(net, 300);
      const counts = net.counts();
      for (const [path, n] of Object.entries(counts)) pollPaths[path] = (pollPaths[path] ?? 0) + n;
      pollRequests.push(Object.values(counts).reduce((a, b) => a + b, 0));
      if (pollRequests.at(-1)! > 1) {
        const after = await idb<Record<string, unknown>>(page, READ_ONE, { store: 'pollState', key: account.id });
        notes.push(
          `background: idle poll ${i + 1} made ${pollRequests.at(-1)} requests; poll alarm was due ${pending === null ? 'never' : `${pending - dispatchedAt} ms from dispatch`}; state before lastPolledAt ${state}, after ${JSON.stringify(after)}`,
        );
      }
    }
    figures.push(figure('poll.requestsPerIdlePoll (1 account, counted at the PDS proxy)', 'requests', pollRequests, 'target 1'));
    notes.push(`background: requests during 10 idle polls by path: ${JSON.stringify(pollPaths)}; per poll, in order: ${pollRequests.join(', ')}`);

    log('simulated day');
    // 4. Worker heap after a simulated day of alarms, against the heap right after a start.
    try {
      figures.push(...(await simulatedDay(context, page, net, account, fan)));
    } catch (error) {
      notes.push(`background: the simulated day did not finish: ${error instanceof Error ? error.message : String(error)}`);
    }
  } finally {
    await page.close().catch(() => undefined);
    await net.close();
  }
  return figures;
}

/**
 * A day of alarms at the quiet cadence, dispatched in the worker one after another: 288 polls
 * (every 5 min, the account made due each time), 96 maintenance (every 15 min), 24 publish (one
 * post due each, published for real), 72 metrics (readings not due are not taken), and a fan's
 * mention every 2 hours that the next poll brings into the inbox.
 */
async function simulatedDay(context: Context, page: Page, net: BenchNetwork, account: { id: string; workspaceId: string }, fan: AtpAgent): Promise<Figure[]> {
  const { browser, notes } = context;
  // The baseline is the same worker at the start of the day. A fresh worker (worker.close(), then
  // a message) would be the cleaner baseline, but the waking message went unanswered here.
  const { worker, session, targetId } = await currentWorker(browser);
  await settle(net);
  const atStart = await heapMB(session);
  const samples: number[] = [atStart];
  const rand = context.mulberry32(context.seed + 9);
  const dispatch = (name: string) => worker.evaluate((alarm) => chrome.alarms.onAlarm.dispatch({ name: alarm, scheduledTime: Date.now() }), name);
  const counts: Record<string, number> = {};
  const dayStarted = Date.now();
  for (let slot = 0; slot < 288; slot++) {
    if (slot % 24 === 12) {
      await fan.post({ text: `@brand.test bench mention ${slot}: ${Math.floor(rand() * 1e6)}`, createdAt: new Date().toISOString() });
      await net.network.processAll();
    }
    const state = await makeDue(page, account.id);
    await dispatch('poll');
    counts.poll = (counts.poll ?? 0) + 1;
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const after = await idb<{ lastPolledAt: number | null }>(page, READ_ONE, { store: 'pollState', key: account.id });
      if (after && after.lastPolledAt !== state) break;
      await sleep(20);
    }
    if (slot % 3 === 0) {
      await dispatch('maintenance');
      counts.maintenance = (counts.maintenance ?? 0) + 1;
    }
    if (slot % 12 === 6) {
      const now = Date.now();
      const rows = [postRows(`day_${slot}`, `Bench day post ${slot}: ${Math.floor(rand() * 1e6)}`, account.workspaceId, account.id, now - 1000, now)];
      await idb(page, WRITE_ROWS, rows);
      await dispatch('publish');
      counts.publish = (counts.publish ?? 0) + 1;
      await waitPublished(page, [rows[0]!.delivery.id], 30_000);
    }
    if (slot % 4 === 0) {
      await dispatch('metrics');
      counts.metrics = (counts.metrics ?? 0) + 1;
    }
    await settle(net, 50);
    if (slot % 72 === 71) {
      samples.push(await heapMB(session));
      log(`simulated day: ${slot + 1}/288 slots, heap ${samples.at(-1)} MB`);
    }
  }
  const after = samples.at(-1)!;
  const current = await browser.waitForTarget((t) => t.type() === 'service_worker' && isBackground(t.url()));
  if (current !== targetId) notes.push('background: WARNING — the worker restarted during the simulated day; the heap figure is not one worker');
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  notes.push(
    `background: simulated day dispatched ${total} alarms (${JSON.stringify(counts)}) in ${Math.round((Date.now() - dayStarted) / 1000)} s; heap after GC at start and every quarter: ${samples.join(', ')} MB`,
  );
  await session.detach().catch(() => undefined);
  return [
    figure('worker.jsHeap at the start of the day (GC’d)', 'MB', [atStart]),
    figure(
      'worker.jsHeap after a simulated day of alarms (GC’d)',
      'MB',
      [after],
      `same worker at the start of the day ${atStart} MB (+${Math.round((after - atStart) * 100) / 100} MB) over ${total} alarms`,
    ),
  ];
}

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  alarms: { onAlarm: { dispatch(alarm: { name: string; scheduledTime: number }): void }; get(name: string): Promise<{ scheduledTime: number } | undefined> };
};
