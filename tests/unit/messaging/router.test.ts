import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors';
import { createMessageRouter, createMessenger, type Handlers } from '@/lib/messaging';
import { makeCapture } from '../factories';

const self = { id: 'cadence-id', origin: 'chrome-extension://cadence-id/' };
const panel = { id: 'cadence-id', url: 'chrome-extension://cadence-id/sidepanel.html' };
const contentScript = { id: 'cadence-id', url: 'https://news.example/story', tab: { id: 7 } };

/** The core messages only: each area's handlers are tested with its service. */
function makeHandlers(): Handlers {
  return {
    'app.status': vi.fn(async () => ({ startedAt: 1, starts: 2, dbVersion: 1 })),
    'capture.submit': vi.fn(async () => ({ clipId: 'clip_1', merged: false })),
    'capture.activeTab': vi.fn(async () => ({ clipId: 'clip_2', merged: false, title: 'Page', kind: 'article', warning: null })),
    'schedule.changed': vi.fn(async () => ({ nextAlarmAt: null })),
  } as Partial<Handlers> as Handlers;
}

describe('message router', () => {
  it('runs the one handler for a valid message from an allowed context', async () => {
    const handlers = makeHandlers();
    const route = createMessageRouter(handlers, self);
    const capture = makeCapture();
    expect(await route({ type: 'capture.submit', payload: capture }, contentScript)).toEqual({ ok: true, value: { clipId: 'clip_1', merged: false } });
    expect(handlers['capture.submit']).toHaveBeenCalledWith(capture, { from: 'content', tabId: 7 });
  });

  it('refuses commands from a content script', async () => {
    const route = createMessageRouter(makeHandlers(), self);
    const answer = await route({ type: 'schedule.changed', payload: {} }, contentScript);
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('refuses messages from other extensions and unknown senders', async () => {
    const route = createMessageRouter(makeHandlers(), self);
    expect(await route({ type: 'app.status', payload: {} }, { ...panel, id: 'someone-else' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
    expect(await route({ type: 'app.status', payload: {} }, { id: 'cadence-id' })).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('answers malformed envelopes and payloads with a code, without running a handler', async () => {
    const handlers = makeHandlers();
    const route = createMessageRouter(handlers, self);
    expect(await route({ type: 'nope' }, panel)).toMatchObject({ ok: false, error: { code: 'unknown-message' } });
    expect(await route('capture.submit', panel)).toMatchObject({ ok: false, error: { code: 'unknown-message' } });
    const bad = await route({ type: 'capture.submit', payload: { ...makeCapture(), kind: 'video' } }, contentScript);
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(handlers['capture.submit']).not.toHaveBeenCalled();
  });

  it('carries a handler error across as its code', async () => {
    const handlers = makeHandlers();
    handlers['app.status'] = async () => {
      throw new AppError('auth', 'token expired');
    };
    const route = createMessageRouter(handlers, self);
    expect(await route({ type: 'app.status', payload: {} }, panel)).toEqual({ ok: false, error: { code: 'auth', message: 'token expired' } });
  });
});

describe('messenger', () => {
  it('round-trips through the router and re-throws errors as AppError with their code', async () => {
    const handlers = makeHandlers();
    handlers['schedule.changed'] = async () => {
      throw new AppError('conflict', 'changed elsewhere');
    };
    const route = createMessageRouter(handlers, self);
    const request = createMessenger((message) => route(message, panel));
    expect(await request('app.status', {})).toEqual({ startedAt: 1, starts: 2, dbVersion: 1 });
    await expect(request('schedule.changed', {})).rejects.toMatchObject({ code: 'conflict', message: 'changed elsewhere' });
  });

  it('turns a malformed answer into an internal error instead of trusting it', async () => {
    const request = createMessenger(async () => ({ ok: true, value: { startedAt: 'soon' } }));
    await expect(request('app.status', {})).rejects.toMatchObject({ code: 'internal' });
    const silent = createMessenger(async () => {
      throw new Error('Could not establish connection');
    });
    await expect(silent('app.status', {})).rejects.toMatchObject({ code: 'internal' });
  });
});
