import { AppError } from '../errors';
import { DB_VERSION } from '../store';
import type { BackgroundService, ServiceContext } from './background-service';
import { ensureDefaults } from './ensure-defaults';
import { ALARMS } from './names';
import { createWorkerState } from './worker-state';

const SETTINGS_DAMAGED =
  'Cadence\'s settings could not be read, so this was not filed in any workspace. Open Settings in Cadence\'s side panel and choose "Repair settings", then try again.';

export interface AppService extends BackgroundService<'app.status'> {
  /** Resolves once this worker's start is recorded (tests and the status message wait on it). */
  started: Promise<unknown>;
  /**
   * The workspace a capture is filed in. A damaged settings row stops the capture with a reason
   * instead: filed in no workspace, a clip shows in no Queue (issue 18).
   */
  activeWorkspace(): Promise<string | null>;
}

/**
 * The worker itself: its start and alarm counts (./worker-state.ts), the first-run defaults, the
 * maintenance alarm, and `app.status`.
 */
// The system's zone is asked for only when first-run defaults are written: the first Intl object
// of a context costs its ICU set-up (10–25 ms in Node under load), which a cold start need not pay (issue 20).
export function createAppService({ store, now, ports }: ServiceContext, timeZone?: string): AppService {
  const workerState = createWorkerState({ store, now });
  const startedAt = now();
  const started = workerState.recordStart();

  // First-run defaults, once per worker: a capture that wakes a fresh install must not race
  // them, or its clip would be filed in no workspace and no workspace's Queue would show it.
  let defaults: Promise<unknown> | null = null;
  const ensureDefaultsOnce = () =>
    (defaults ??= store
      .then((opened) => ensureDefaults(opened, now, timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone))
      .catch((error: unknown) => {
        defaults = null;
        throw error;
      }));

  return {
    started,
    handlers: {
      'app.status': async () => ({ startedAt, starts: (await started).starts, dbVersion: DB_VERSION }),
    },
    async activeWorkspace() {
      await ensureDefaultsOnce();
      const settings = await (await store).settings.get('settings');
      if (settings && !settings.ok) throw new AppError('settings-damaged', SETTINGS_DAMAGED);
      return settings?.ok ? settings.value.activeWorkspaceId : null;
    },
    async onInstall() {
      await ensureDefaultsOnce();
    },
    async onStart() {
      await ports.alarms.repeat(ALARMS.maintenance, 15);
    },
    async onAlarm(name) {
      await workerState.recordAlarm(name);
    },
  };
}
