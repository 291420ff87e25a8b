import { vi } from 'vitest';
import type { BackgroundPorts } from '@/lib/platform/ports';

/**
 * The browser as a background service sees it (lib/platform/ports.ts), in memory: alarms by name,
 * the badge's text, the notifications on screen. Every function is a vi.fn, so a test can count
 * calls or make one fail; `overrides` replaces whole ports.
 */
export function createFakePorts(overrides: Partial<BackgroundPorts> = {}) {
  const alarms = new Map<string, { when: number | null; periodInMinutes?: number }>();
  const notes = new Map<string, { title: string; message: string }>();
  const badge = { text: '', color: '' };
  let noteCount = 0;
  const ports: BackgroundPorts = {
    alarms: {
      when: vi.fn(async (name: string) => {
        const alarm = alarms.get(name);
        return alarm ? (alarm.when ?? undefined) : undefined;
      }),
      set: vi.fn(async (name: string, when: number | null) => {
        if (when === null) alarms.delete(name);
        else alarms.set(name, { when });
      }),
      repeat: vi.fn(async (name: string, periodInMinutes: number) => {
        if (!alarms.has(name)) alarms.set(name, { when: null, periodInMinutes });
      }),
    },
    notifications: {
      show: vi.fn(async ({ id, title, message }) => void notes.set(id ?? `note-${++noteCount}`, { title, message })),
      clear: vi.fn(async (id: string) => void notes.delete(id)),
      shownIds: vi.fn(async () => [...notes.keys()]),
    },
    badge: {
      text: vi.fn(async () => badge.text),
      show: vi.fn(async (text: string, color: string) => void Object.assign(badge, { text, color })),
      flash: vi.fn(async () => undefined),
    },
    identity: {
      redirectUrl: vi.fn(() => 'https://extension-id.chromiumapp.org/'),
      launchWebAuthFlow: vi.fn(async () => Promise.reject(new Error('No sign-in window in this test.'))),
    },
    tabs: {
      send: vi.fn(async () => undefined),
      open: vi.fn(async () => undefined),
      openLoaded: vi.fn(async () => 1),
      openPanel: vi.fn(async () => undefined),
      active: vi.fn(async () => Promise.reject(new Error('No tab in this test.'))),
      capture: vi.fn(async () => Promise.reject(new Error('No tab in this test.'))),
    },
    siteScripts: {
      registered: vi.fn(async () => []),
      register: vi.fn(async () => undefined),
      update: vi.fn(async () => undefined),
      unregister: vi.fn(async () => undefined),
      tabsMatching: vi.fn(async () => []),
      inject: vi.fn(async () => undefined),
    },
    permissions: {
      contains: vi.fn(async () => false),
      remove: vi.fn(async () => false),
    },
    menus: { install: vi.fn() },
    cleanArticle: vi.fn(async () => Promise.reject(new Error('No document to clean in this test.'))),
    ...overrides,
  };
  return { ports, alarms, notes, badge };
}
