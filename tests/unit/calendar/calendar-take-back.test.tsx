// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CalendarView } from '@/components/calendar/CalendarView';
import { ServicesProvider, type AppServices } from '@/components/data/store-context';
import { defaultSettings, type Delivery } from '@/lib/model';
import { CONTENT_LOADERS } from '@/lib/publish/content-loaders';
import type { PublisherDeps } from '@/lib/publish/deps';
import { restoreMany, unscheduleMany } from '@/lib/publish/take-back';
import { openStore, type Store } from '@/lib/store';
import { makeAccount, makeDelivery, makePost, makeWorkspace } from '../factories';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Tuesday 10 November 2026 in UTC, the workspace's zone: the week runs Mon 9 – Sun 15 Nov.
const NOW = Date.parse('2026-11-10T08:00:00Z');
const THU = '2026-11-12';

/**
 * The calendar's Unschedule, Undo and Move… (issue 17) in the view, with the background's own
 * take-back code behind `request` (the e2e file tests/e2e/cancel.e2e.ts runs them in Chromium).
 */
describe('the calendar takes posts back and moves them to a time of day', () => {
  let store: Store;
  let root: Root;
  const sent: string[] = [];

  const day = (date: string) => document.querySelector<HTMLElement>(`[data-date="${date}"]`)!;
  const chipIds = (date: string) => [...day(date).querySelectorAll<HTMLElement>('[data-delivery]')].map((chip) => chip.dataset.delivery);
  const inside = (scope: Element, name: string) => [...scope.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
  const click = (element: HTMLElement) => act(async () => element.click());
  const status = () => document.querySelector('[data-testid="calendar-status"]')?.textContent ?? '';
  const until = async (isDone: () => boolean) => {
    for (let i = 0; i < 100 && !isDone(); i++) await act(() => new Promise((done) => setTimeout(done, 10)));
    expect(isDone()).toBe(true);
  };
  const stateOf = async (id: string) => ((await store.deliveries.get(id)) as { value: Delivery }).value;

  beforeEach(async () => {
    vi.setSystemTime(NOW); // Date only: fake-indexeddb keeps its real timers
    store = await openStore();
    await store.workspaces.put(makeWorkspace({ id: 'ws_1', timeZone: 'UTC' }));
    await store.settings.put({ ...defaultSettings(), activeWorkspaceId: 'ws_1' });
    await store.accounts.put(makeAccount({ id: 'acct_1', workspaceId: 'ws_1', handle: 'ada.test' }));
    for (const [time, state] of [
      ['09:00', 'scheduled'],
      ['11:00', 'scheduled'],
      ['13:00', 'published'],
    ] as const) {
      const post = makePost({ id: `post_${time}`, workspaceId: 'ws_1', text: `Post ${time}` });
      await store.posts.put(post);
      await store.deliveries.put(makeDelivery({ id: `dlv_${time.replace(':', '')}`, postId: post.id, state, dueAt: Date.parse(`${THU}T${time}:00Z`) }));
    }
    const deps = {
      store,
      now: () => Date.now(),
      owner: 'worker_test',
      loaders: CONTENT_LOADERS,
      random: () => 0.5,
      notify: async () => undefined,
      adapterFor: () => {
        throw new Error('no network here');
      },
    } as PublisherDeps;
    sent.length = 0;
    const request = async (name: string, input: { deliveryIds?: string[]; deliveries?: Delivery[] }) => {
      sent.push(name);
      if (name === 'delivery.cancelMany') return unscheduleMany(deps, input.deliveryIds!);
      if (name === 'delivery.restore') return restoreMany(deps, input.deliveries!);
      return {};
    };
    root = createRoot(document.body.appendChild(document.createElement('div')));
    await act(async () =>
      root.render(
        <ServicesProvider services={{ store, request } as unknown as AppServices}>
          <CalendarView />
        </ServicesProvider>,
      ),
    );
    await until(() => day(THU) !== null && chipIds(THU).length === 3);
  });
  afterEach(async () => {
    await act(async () => root.unmount());
    await new Promise((done) => setTimeout(done, 20));
    store.close();
    document.body.innerHTML = '';
    vi.useRealTimers();
  });

  it('offers Move… and Unschedule on waiting posts only, and Unschedule day for the day’s waiting ones', () => {
    const tools = (id: string) => [...document.querySelectorAll(`[data-delivery="${id}"] .chip__tool`)].map((b) => b.getAttribute('aria-label'));
    expect(tools('dlv_0900')).toEqual(['Move… the 09:00 post on @ada.test', 'Unschedule the 09:00 post on @ada.test']);
    expect(tools('dlv_1300')).toEqual([]);
    expect(inside(day(THU), 'Unschedule day').getAttribute('aria-label')).toBe('Unschedule day: 2 posts waiting on Thu, Nov 12');
  });

  it('Unschedule takes the chip off the calendar into drafts, says so, focuses Undo, and Undo brings it back', async () => {
    await click(inside(document.querySelector('[data-delivery="dlv_0900"]')!, 'Unschedule'));
    await until(() => !chipIds(THU).includes('dlv_0900'));
    expect(status()).toBe('Unscheduled the 09:00 post on @ada.test: it is back in drafts and will not be published.');
    expect((await stateOf('dlv_0900')).state).toBe('draft');
    const undo = document.querySelector<HTMLButtonElement>('[data-testid="calendar-undo"]')!;
    expect(document.activeElement).toBe(undo);
    await click(undo);
    await until(() => chipIds(THU).includes('dlv_0900'));
    expect(status()).toBe('Undone: the post is back on the calendar.');
    expect(await stateOf('dlv_0900')).toMatchObject({ state: 'scheduled', dueAt: Date.parse(`${THU}T09:00:00Z`) });
  });

  it('Unschedule day takes back every waiting post of the day and leaves the published one', async () => {
    await click(inside(day(THU), 'Unschedule day'));
    await until(() => chipIds(THU).length === 1);
    expect(status()).toBe('Unscheduled Thu, Nov 12: 2 posts are back in drafts and will not be published.');
    expect(sent).toEqual(['delivery.cancelMany']);
    expect((await stateOf('dlv_1300')).state).toBe('published');
  });

  it('Move… moves a post to another date and time of day', async () => {
    await click(inside(document.querySelector('[data-delivery="dlv_1100"]')!, 'Move…'));
    const set = async (selector: string, value: string) => {
      const field = document.querySelector<HTMLInputElement>(`[data-delivery="dlv_1100"] .move-form ${selector}`)!;
      await act(async () => {
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, value);
        field.dispatchEvent(new Event('input', { bubbles: true }));
      });
    };
    await set('input[type="date"]', '2026-11-13');
    await set('input[type="time"]', '16:45');
    await click(inside(document.querySelector('[data-delivery="dlv_1100"] .move-form')!, 'Move'));
    await until(() => chipIds('2026-11-13').includes('dlv_1100'));
    expect(status()).toBe('Moved to Fri 2026-11-13 16:45 (UTC).');
    expect(document.querySelector('[data-delivery="dlv_1100"] .chip__time')?.textContent).toBe('16:45');
    expect((await stateOf('dlv_1100')).dueAt).toBe(Date.parse('2026-11-13T16:45:00Z'));
  });
});
