import { signOutEverywhere } from '../accounts/sign-out';
import type { Fetch } from '../networks/types';
import type { BackgroundService, ServiceContext } from '../app/background-service';
import { deleteWorkspace } from './delete-workspace';
import { nextWorkspace } from './workspaces';
import type { WORKSPACES_PROTOCOL } from '../messaging/protocols/workspaces';

export interface WorkspacesService extends BackgroundService<keyof typeof WORKSPACES_PROTOCOL> {
  /** The `next-workspace` keyboard command. */
  next(): Promise<void>;
}

export function createWorkspacesService({ store, now }: ServiceContext, deps: { fetch?: Fetch } = {}): WorkspacesService {
  const fetch: Fetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    handlers: {
      'workspace.delete': async ({ workspaceId }) => {
        const opened = await store;
        // Its accounts are disconnected with it: their sign-ins end at the servers too (issue 18, hole 7).
        const { signIns, ...deleted } = await deleteWorkspace(opened, workspaceId);
        return { ...deleted, serverSignOuts: await signOutEverywhere(opened, signIns, { fetch, now }) };
      },
    },
    async next() {
      await nextWorkspace(await store);
    },
  };
}
