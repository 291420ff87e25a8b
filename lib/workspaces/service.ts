import type { BackgroundService, ServiceContext } from '../platform/service';
import { deleteWorkspace } from './delete-workspace';
import { nextWorkspace } from './workspaces';
import type { WORKSPACES_PROTOCOL } from '../messaging/protocols/workspaces';

export interface WorkspacesService extends BackgroundService<keyof typeof WORKSPACES_PROTOCOL> {
  /** The `next-workspace` keyboard command. */
  next(): Promise<void>;
}

export function createWorkspacesService({ store }: ServiceContext): WorkspacesService {
  return {
    handlers: {
      'workspace.delete': async ({ workspaceId }) => deleteWorkspace(await store, workspaceId),
    },
    async next() {
      await nextWorkspace(await store);
    },
  };
}
