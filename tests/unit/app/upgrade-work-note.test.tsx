// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { ServicesProvider, type AppServices } from '@/components/data/store-context';
import { UpgradeWorkNote } from '@/components/shell/UpgradeWorkNote';
import { openStore } from '@/lib/store';
import { openCadenceDb } from '@/lib/store/open-db';
import { makeClip } from '../factories';
import { finishUpgrade } from '../store/finish-upgrade';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const settle = () => act(() => new Promise((done) => setTimeout(done, 30)));

describe('the note while an upgrade finishes in the background (issue 20)', () => {
  it('says what is still done and how far, follows the runner in another context, and goes when it is done', async () => {
    const old = await openCadenceDb({ version: 4 });
    for (let i = 0; i < 12; i++) await old.put('clips', makeClip({ id: `clip_${i}` }));
    old.close();
    const store = await openStore({ locks: null });
    const services = { store, request: (() => Promise.reject(new Error('unused'))) as unknown as AppServices['request'] };
    const host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    await act(async () =>
      root.render(
        <ServicesProvider services={services}>
          <UpgradeWorkNote />
        </ServicesProvider>,
      ),
    );
    await settle();
    // Read from the database: step 5's counts are to do, none done yet.
    expect(host.querySelector('[data-testid="upgrade-work"] p')?.textContent).toBe(
      'Finishing the update in the background. Counting clips for the queue: 0 of 12 clips. Everything is usable meanwhile, and nothing is lost if you close the panel.',
    );
    expect(host.querySelector('[role="progressbar"]')?.getAttribute('aria-valuemax')).toBe('12');

    // Another connection runs the work (as the worker does); its reports reach the note.
    const worker = await openCadenceDb({ locks: null });
    await finishUpgrade(worker, { batchSize: 5 });
    worker.close();
    await settle();
    expect(host.querySelector('[data-testid="upgrade-work"]')).toBeNull();
    act(() => root.unmount());
    store.close();
  });
});
