// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ServicesProvider, useLiveQuery, type AppServices } from '@/components/data/store-context';
import { ReadProblem } from '@/components/shell/ReadProblem';
import { openStore, type Store } from '@/lib/store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Counter({ read }: { read: (store: Store) => Promise<number> }) {
  const count = useLiveQuery(['clips'], read, []);
  return <p data-testid="count">{count === undefined ? 'Loading…' : count}</p>;
}

const settle = () => act(() => new Promise((done) => setTimeout(done, 20)));

describe('a view whose read fails', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });

  it('keeps its last result, the panel says why and what to do, and the notice goes when a read succeeds', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const store = await openStore();
    const services = { store, request: (() => Promise.reject(new Error('unused'))) as unknown as AppServices['request'] };
    let fail = false;
    let reads = 0;
    const read = async () => {
      reads++;
      if (fail) throw new Error('The database connection is closing.');
      return reads;
    };
    const host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    await act(async () =>
      root.render(
        <ServicesProvider services={services}>
          <ReadProblem />
          <Counter read={read} />
        </ServicesProvider>,
      ),
    );
    await settle();
    expect(host.querySelector('[data-testid=count]')?.textContent).toBe('1');
    expect(host.querySelector('[role=alert]')).toBeNull();

    fail = true;
    store.feed.publish({ store: 'clips', keys: ['x'], op: 'put' });
    await settle();
    expect(host.querySelector('[data-testid=count]')?.textContent).toBe('1');
    const alert = host.querySelector('[role=alert]');
    expect(alert?.textContent).toContain('could not read part of your data');
    expect(alert?.querySelector('button')?.textContent).toBe('Reload the side panel');

    fail = false;
    store.feed.publish({ store: 'clips', keys: ['x'], op: 'put' });
    await settle();
    expect(host.querySelector('[data-testid=count]')?.textContent).toBe('3');
    expect(host.querySelector('[role=alert]')).toBeNull();
    await act(async () => root.unmount());
    store.close();
  });
});
