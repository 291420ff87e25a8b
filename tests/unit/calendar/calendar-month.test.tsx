// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CalendarView, MONTH_DAY_POSTS } from '@/components/calendar/CalendarView';
import { ServicesProvider, type AppServices } from '@/components/data/store-context';
import { defaultSettings, type Delivery } from '@/lib/model';
import { openStore, type Store } from '@/lib/store';
import { makeAccount, makeDelivery, makePost, makeWorkspace } from '../factories';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Tuesday 10 November 2026 in UTC, the workspace's zone: the month grid runs Mon 26 Oct – Sun 6 Dec.
const NOW = Date.parse('2026-11-10T08:00:00Z');
const BUSY = '2026-11-12'; // Thursday: five posts, more than a month day shows
const FULL = '2026-11-13'; // Friday: exactly as many as it shows
const QUIET = '2026-11-16'; // Monday of the next week: one post

describe('the calendar month: a few posts per day, then "+N more"', () => {
  let store: Store;
  let root: Root;
  const seeded = new Map<string, Delivery[]>();

  const add = async (date: string, time: string) => {
    const post = makePost({ id: `post_${date}_${time}`, text: `Post ${date} ${time}` });
    const delivery = makeDelivery({
      id: `dlv_${date}_${time}`,
      postId: post.id,
      accountId: 'acct_1',
      workspaceId: 'ws_1',
      dueAt: Date.parse(`${date}T${time}:00Z`),
    });
    await store.posts.put(post);
    await store.deliveries.put(delivery);
    seeded.set(date, [...(seeded.get(date) ?? []), delivery]);
    return delivery;
  };
  const day = (date: string) => document.querySelector<HTMLElement>(`[data-date="${date}"]`)!;
  const chipIds = (date: string) => [...day(date).querySelectorAll<HTMLElement>('[data-delivery]')].map((chip) => chip.dataset.delivery);
  const toggle = (date: string) => day(date).querySelector<HTMLButtonElement>('button.day__more');
  const button = (name: string) =>
    [...document.querySelectorAll('button')].find((candidate) => candidate.textContent === name || candidate.getAttribute('aria-label') === name)!;
  const click = (element: HTMLElement) => act(async () => element.click());
  /** Lets the live queries read the store and React commit, until `isDone`. */
  const until = async (isDone: () => boolean) => {
    for (let i = 0; i < 100 && !isDone(); i++) await act(() => new Promise((done) => setTimeout(done, 10)));
    expect(isDone()).toBe(true);
  };
  /** Posts on screen plus those the "+N more" buttons count. */
  const accounted = () =>
    document.querySelectorAll('[data-delivery]').length +
    [...document.querySelectorAll<HTMLElement>('[data-hidden-count]')].reduce((sum, element) => sum + Number(element.dataset.hiddenCount), 0);
  const seededCount = () => [...seeded.values()].flat().length;
  /** The month view once its own posts are read (until then it shows the week's, still loaded). */
  const showMonth = async () => {
    await until(() => document.querySelector('.calendar__nav') !== null);
    await click(button('Month'));
    await until(() => document.querySelector('.calendar__grid--month') !== null && accounted() === seededCount());
  };

  beforeEach(async () => {
    vi.setSystemTime(NOW); // Date only: fake-indexeddb keeps its real timers
    store = await openStore();
    await store.workspaces.put(makeWorkspace({ id: 'ws_1', timeZone: 'UTC' }));
    await store.settings.put({ ...defaultSettings(), activeWorkspaceId: 'ws_1' });
    // Thursday slots: 13:00 is held by a post the collapsed day does not show, 15:00 is free.
    const thursday = (time: string) => ({ weekday: 4, time });
    await store.accounts.put(makeAccount({ id: 'acct_1', workspaceId: 'ws_1', handle: 'ada.test', schedule: [thursday('13:00'), thursday('15:00')] }));
    seeded.clear();
    // Stored out of order: the day shows them by time.
    for (const time of ['13:00', '09:00', '11:00', '10:00', '12:00']) await add(BUSY, time);
    for (const time of ['09:00', '10:00', '11:00']) await add(FULL, time);
    await add(QUIET, '09:00');
    const services = { store, request: () => Promise.resolve({}) } as unknown as AppServices;
    root = createRoot(document.body.appendChild(document.createElement('div')));
    await act(async () =>
      root.render(
        <ServicesProvider services={services}>
          <CalendarView />
        </ServicesProvider>,
      ),
    );
  });
  afterEach(async () => {
    await act(async () => root.unmount());
    await new Promise((done) => setTimeout(done, 20)); // reads already under way finish before the database closes
    store.close();
    document.body.innerHTML = '';
    vi.useRealTimers();
  });

  it(`shows the first ${MONTH_DAY_POSTS} posts of a busy day by time, and a "+N more" button that names the day`, async () => {
    await showMonth();
    expect(chipIds(BUSY)).toEqual(['09:00', '10:00', '11:00'].map((time) => `dlv_${BUSY}_${time}`));
    const more = toggle(BUSY)!;
    expect(more.textContent).toBe('+2 more');
    expect(more.getAttribute('aria-label')).toBe('+2 more posts on Thu, Nov 12');
    expect(more.getAttribute('aria-expanded')).toBe('false');
    expect(more.dataset.hiddenCount).toBe('2');
    expect(document.getElementById(more.getAttribute('aria-controls')!)?.querySelectorAll('[data-delivery]')).toHaveLength(3);
    expect([...day(BUSY).querySelectorAll('[data-testid="free-slot"]')].map((slot) => slot.textContent)).toEqual(['15:00 @ada.test — free']);
  });

  it('shows no button on a day whose posts all fit', async () => {
    await showMonth();
    expect(chipIds(FULL)).toHaveLength(3);
    expect(toggle(FULL)).toBeNull();
    expect(chipIds(QUIET)).toEqual([`dlv_${QUIET}_09:00`]);
    expect(toggle(QUIET)).toBeNull();
    expect(document.querySelectorAll('button.day__more')).toHaveLength(1);
  });

  it('expands the day in place and collapses it again, focus staying on the button', async () => {
    await showMonth();
    const more = toggle(BUSY)!;
    more.focus();
    await click(more);
    // The words of the chips it opens are read first (only the chips on screen are: issue 20).
    await until(() => chipIds(BUSY).length === 5);
    expect(chipIds(BUSY)).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00'].map((time) => `dlv_${BUSY}_${time}`));
    expect(toggle(BUSY)).toBe(more);
    expect(document.activeElement).toBe(more);
    expect([more.textContent, more.getAttribute('aria-label'), more.getAttribute('aria-expanded'), more.dataset.hiddenCount]).toEqual([
      'Show fewer',
      'Show fewer posts on Thu, Nov 12',
      'true',
      '0',
    ]);
    await click(more);
    expect(chipIds(BUSY)).toHaveLength(3);
    expect(document.activeElement).toBe(more);
    expect(more.getAttribute('aria-expanded')).toBe('false');
  });

  it('keeps an expanded day open when the data changes, and forgets it for another month', async () => {
    await showMonth();
    await click(toggle(BUSY)!);
    await add(BUSY, '08:00'); // a write the live query hears, as from another view or the background
    await until(() => chipIds(BUSY).length === 6);
    expect(toggle(BUSY)?.getAttribute('aria-expanded')).toBe('true');
    expect(toggle(FULL)).toBeNull();

    await click(button('Next month'));
    await until(() => day(BUSY) === null);
    await click(button('Previous month'));
    await until(() => chipIds(BUSY).length === MONTH_DAY_POSTS);
    expect(toggle(BUSY)?.textContent).toBe('+3 more');
    expect(toggle(BUSY)?.getAttribute('aria-expanded')).toBe('false');
  });

  it('opens a collapsed day a post is moved onto with the keyboard, so the moved post stays in view', async () => {
    await showMonth();
    const moving = `dlv_${QUIET}_09:00`;
    const chip = day(QUIET).querySelector<HTMLButtonElement>(`[data-delivery="${moving}"] button`)!;
    await act(async () => chip.dispatchEvent(new KeyboardEvent('keydown', { key: 'm', bubbles: true })));
    const field = day(QUIET).querySelector<HTMLInputElement>('.move-form input[type="date"]')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, BUSY);
      field.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await click(button('Move'));
    await until(() => chipIds(BUSY).includes(moving));
    expect(chipIds(BUSY)).toHaveLength(6);
    expect(toggle(BUSY)?.getAttribute('aria-expanded')).toBe('true');
    expect(chipIds(QUIET)).toEqual([]);
    expect((await store.deliveries.get(moving))?.ok).toBe(true);
  });

  it('shows every post in the week view, without a button', async () => {
    await until(() => day(BUSY) !== null && chipIds(BUSY).length === 5);
    expect(document.querySelector('.calendar__grid--week')).not.toBeNull();
    expect(chipIds(FULL)).toHaveLength(3);
    expect(document.querySelector('button.day__more')).toBeNull();
  });
});
