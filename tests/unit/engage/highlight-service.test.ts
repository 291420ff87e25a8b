import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HighlightRule } from '@/lib/engage/highlight-rules';
import { createMessageRouter, type Handlers } from '@/lib/messaging';
import type { Stream } from '@/lib/model';
import { followHighlightRules } from '@/lib/platform/follow-highlight-rules';
import { createHighlightService } from '@/lib/engage/highlight-service';
import { CONTENT_PUSH } from '@/lib/app/names';
import { openStore, type Store } from '@/lib/store';
import { createFakePorts } from '../fake-ports';

let n = 0;
const makeStream = (overrides: Partial<Stream> = {}): Stream => ({
  v: 1,
  id: `stream_${++n}`,
  workspaceId: 'ws_1',
  name: `Stream ${n}`,
  kind: 'keyword',
  query: 'launch',
  accountIds: ['acct_secret'],
  cursors: { acct_secret: 'cursor-secret' },
  lastPolledAt: null,
  createdAt: 1,
  ...overrides,
});

const self = { id: 'cadence-test-id', origin: 'chrome-extension://cadence-test-id/' };
const tab = (id: number) => ({ id, index: 0, highlighted: false, active: true, pinned: false, incognito: false });
const pageSender = (tabId: number) => ({ id: self.id, url: 'https://bsky.app/profile/a/post/b', tab: tab(tabId) });
const panelSender = { id: self.id, url: `${self.origin}sidepanel.html` };

describe('highlight rules for the site scripts', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore();
    await store.settings.put({
      v: 1,
      id: 'settings',
      activeWorkspaceId: 'ws_1',
      theme: 'system',
      latePolicy: { mode: 'hold', withinMinutes: 0 },
      polling: 'off',
      notifications: { mentions: true, failures: true },
    });
  });
  afterEach(() => store.close());

  const setUp = () => {
    const sendToTab = vi.fn(async (_tabId: number, _message: unknown) => undefined as unknown);
    const { ports } = createFakePorts();
    ports.tabs.send = sendToTab;
    const service = createHighlightService({ store: Promise.resolve(store), now: () => 1, ports });
    const route = createMessageRouter(service.handlers as Handlers, self);
    return { sendToTab, route };
  };

  it('answers a site script with the active workspace’s streams as names and terms, and nothing else', async () => {
    await store.streams.putMany([
      makeStream({ name: 'Launch news', query: 'launch #cadence' }),
      makeStream({ name: 'Other client', workspaceId: 'ws_2' }),
      makeStream({ name: 'Phrase', kind: 'phrase', query: 'open source' }),
    ]);
    const { route } = setUp();
    const answer = await route({ type: 'listen.highlightRules', payload: {} }, pageSender(7));
    expect(answer).toEqual({
      ok: true,
      value: {
        rules: [
          { name: 'Launch news', words: ['launch'], hashtags: ['cadence'], phrases: [] },
          { name: 'Phrase', words: [], hashtags: [], phrases: [['open', 'source']] },
        ],
      },
    });
    expect(JSON.stringify(answer)).not.toMatch(/acct_secret|cursor-secret|stream_|ws_1/);
  });

  it('is for site scripts only, and validates what they send', async () => {
    const { route } = setUp();
    expect(await route({ type: 'listen.highlightRules', payload: {} }, panelSender)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(await route({ type: 'listen.highlightRules', payload: {} }, { ...pageSender(7), id: 'another-extension' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await route({ type: 'listen.highlightRules', payload: 'all of them' }, pageSender(7))).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('nudges the tabs that asked, once per burst of stream changes, and forgets a tab that stopped answering', async () => {
    const { route, sendToTab } = setUp();
    await route({ type: 'listen.highlightRules', payload: {} }, pageSender(7));
    await route({ type: 'listen.highlightRules', payload: {} }, pageSender(9));
    sendToTab.mockImplementation(async (tabId) => {
      if (tabId === 9) throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    const stream = makeStream();
    await store.streams.put(stream);
    await store.streams.delete(stream.id);
    await vi.waitFor(() => expect(sendToTab).toHaveBeenCalledTimes(2));
    expect(sendToTab.mock.calls).toEqual([
      [7, { type: CONTENT_PUSH.highlightRulesChanged }],
      [9, { type: CONTENT_PUSH.highlightRulesChanged }],
    ]);
    sendToTab.mockClear();
    await store.settings.update('settings', (current) => current && { ...current, activeWorkspaceId: 'ws_2' });
    await vi.waitFor(() => expect(sendToTab).toHaveBeenCalledTimes(1));
    expect(sendToTab.mock.calls[0]![0]).toBe(7);
  });
});

describe('the site script following the rules', () => {
  const rule = (name: string): HighlightRule => ({ name, words: [name.toLowerCase()], hashtags: [], phrases: [] });
  const setUp = () => {
    const win = new Window({ url: 'https://bsky.app/' });
    const listeners = new Set<(message: unknown) => void>();
    const runtime = {
      sendMessage: vi.fn(),
      onMessage: {
        addListener: (listener: (message: unknown) => void) => listeners.add(listener),
        removeListener: (listener: (message: unknown) => void) => listeners.delete(listener),
      },
    };
    const answers: ((rules: HighlightRule[]) => void)[] = [];
    const ask = vi.fn(() => new Promise<{ rules: HighlightRule[] }>((resolve) => answers.push((rules) => resolve({ rules }))));
    const apply = vi.fn();
    const stop = followHighlightRules(apply, { win: win as unknown as typeof globalThis.window, ask, runtime });
    const push = (message: unknown) => listeners.forEach((listener) => listener(message));
    return { win, ask, apply, stop, push, answers, listeners };
  };

  it('asks once, then again when told or shown, never two asks at a time', async () => {
    const { win, ask, apply, stop, push, answers, listeners } = setUp();
    expect(ask).toHaveBeenCalledTimes(1);
    push({ type: CONTENT_PUSH.highlightRulesChanged });
    win.dispatchEvent(new win.Event('focus'));
    expect(ask).toHaveBeenCalledTimes(1); // the first is still out; one more follows it
    answers[0]!([rule('One')]);
    await vi.waitFor(() => expect(ask).toHaveBeenCalledTimes(2));
    answers[1]!([rule('Two')]);
    await vi.waitFor(() => expect(apply.mock.calls.map(([rules]) => rules[0].name)).toEqual(['One', 'Two']));

    push({ type: 'something-else' });
    push(null);
    expect(ask).toHaveBeenCalledTimes(2);
    win.document.dispatchEvent(new win.Event('visibilitychange'));
    expect(ask).toHaveBeenCalledTimes(3);
    stop();
    answers[2]!([rule('Late')]);
    await new Promise((done) => setTimeout(done, 0));
    expect(apply).toHaveBeenCalledTimes(2); // nothing applied after stop
    expect(listeners.size).toBe(0);
    await win.happyDOM.close();
  });

  it('keeps the last rules when the background cannot answer', async () => {
    const win = new Window({ url: 'https://bsky.app/' });
    const apply = vi.fn();
    const ask = vi
      .fn()
      .mockResolvedValueOnce({ rules: [rule('Kept')] })
      .mockRejectedValueOnce(new Error('Extension context invalidated.'));
    const stop = followHighlightRules(apply, { win: win as unknown as typeof globalThis.window, ask, runtime: null });
    await vi.waitFor(() => expect(apply).toHaveBeenCalledTimes(1));
    win.dispatchEvent(new win.Event('focus'));
    await vi.waitFor(() => expect(ask).toHaveBeenCalledTimes(2));
    await new Promise((done) => setTimeout(done, 0));
    expect(apply).toHaveBeenCalledTimes(1);
    stop();
    await win.happyDOM.close();
  });
});
