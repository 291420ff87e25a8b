import { useCallback, useEffect, useState } from 'react';
import type { TeamPostView, TeamStatus } from '@/lib/messaging/protocols/team';
import { teamIds } from '@/lib/model';
import { useLiveQuery, useServices } from './store-context';

/**
 * Shared workspaces for the views (issue 23). The team server is the background's: these ask it.
 * `useTeamLive` (in the shell) syncs the active workspace every LIVE_MS while a side panel is open
 * ("live only while an extension page is open": a long-poll would outlive the service worker);
 * with every page closed, the worker's 5-minute alarm syncs. A workspace that is not shared
 * answers at once with nothing to do.
 */
const LIVE_MS = 10_000;
const READ_MS = 3_000;

export function useTeamLive(workspaceId: string | null): void {
  const { request } = useServices();
  // Only a shared workspace syncs: a panel on any other never wakes the worker (publish.e2e.ts
  // stops the worker and holds that only the alarm brings it back).
  const isShared = useIsShared(workspaceId);
  useEffect(() => {
    if (!workspaceId || !isShared) return;
    // A failed sync is written into the status with its words (Settings → Team shows it).
    const tick = () => void request('team.sync', { workspaceId }).catch(() => undefined);
    tick();
    const timer = setInterval(tick, LIVE_MS);
    return () => clearInterval(timer);
  }, [request, workspaceId, isShared]);
}

/** Whether this browser shares `workspaceId` with a team server (its link row), live. */
export function useIsShared(workspaceId: string | null): boolean {
  const link = useLiveQuery(['team'], (store) => (workspaceId ? store.team.get(teamIds.link(workspaceId)) : Promise.resolve(undefined)), [workspaceId]);
  return Boolean(link?.ok);
}

/** Reads once, then polls `read` while mounted and `shouldPoll`; the answer, and a way to set it from an action's answer. */
function usePolled<T>(read: () => Promise<T>, shouldPoll: boolean): [T | null, (value: T) => void, () => Promise<void>] {
  const [value, setValue] = useState<T | null>(null);
  const refresh = useCallback(async () => setValue(await read()), [read]);
  useEffect(() => {
    let isLive = true;
    const once = () =>
      void read().then(
        (next) => isLive && setValue(next),
        () => undefined,
      );
    once();
    const timer = shouldPoll ? setInterval(once, READ_MS) : undefined;
    return () => {
      isLive = false;
      clearInterval(timer);
    };
  }, [read, shouldPoll]);
  return [value, setValue, refresh];
}

export function useTeamStatus(workspaceId: string): { status: TeamStatus | null; setStatus: (status: TeamStatus) => void; refresh: () => Promise<void> } {
  const { request } = useServices();
  const read = useCallback(() => request('team.status', { workspaceId }), [request, workspaceId]);
  const [status, setStatus, refresh] = usePolled(read, useIsShared(workspaceId));
  return { status, setStatus, refresh };
}

/** A post's review state on the team server, or null when its workspace is not shared from this browser. */
export function useTeamPost(postId: string, workspaceId: string): { view: TeamPostView | null; setView: (view: TeamPostView) => void } {
  const { request } = useServices();
  const isShared = useIsShared(workspaceId);
  // Not shared: nothing to ask the background (and no reason to wake it).
  const read = useCallback(async () => (isShared ? request('team.post', { postId }) : null), [request, postId, isShared]);
  const [view, setView] = usePolled(read, isShared);
  return { view, setView };
}
