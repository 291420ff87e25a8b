// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ServicesProvider, type AppServices } from '@/components/data/store-context';
import { SettingsView } from '@/components/settings/SettingsView';
import { ensureDefaults } from '@/lib/app/ensure-defaults';
import { openStore, validRows } from '@/lib/store';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const settle = () => act(() => new Promise((done) => setTimeout(done, 30)));

describe('a damaged settings row (issue 18)', () => {
  afterEach(() => void (document.body.innerHTML = ''));

  it('Settings says captures are stopped, and "Repair settings" mends the row for the oldest workspace, nothing else', async () => {
    const store = await openStore();
    await ensureDefaults(store, () => 1000, 'UTC');
    const [workspace] = validRows(await store.workspaces.list());
    await store.db.put('settings', { id: 'settings', v: 1, activeWorkspaceId: 42 });
    const services = { store, request: (() => Promise.reject(new Error('unused'))) as unknown as AppServices['request'] };
    const host = document.body.appendChild(document.createElement('div'));
    const root = createRoot(host);
    await act(async () =>
      root.render(
        <ServicesProvider services={services}>
          <SettingsView />
        </ServicesProvider>,
      ),
    );
    await settle();
    expect(host.querySelector('[role=alert]')?.textContent).toContain('Cadence cannot file new clips in a workspace');
    const repair = [...host.querySelectorAll('button')].find((button) => button.textContent === 'Repair settings');
    expect(repair).toBeDefined();
    await act(async () => repair!.click());
    await settle();
    const settings = await store.settings.get('settings');
    expect(settings?.ok && settings.value.activeWorkspaceId).toBe(workspace!.id);
    expect(validRows(await store.workspaces.list())).toHaveLength(1);
    expect(host.querySelector('[role=alert]')?.textContent ?? '').not.toContain('could not be read');
    act(() => root.unmount());
    store.close();
  });
});
