import { signOutEverywhere } from '../accounts/sign-out';
import type { Fetch } from '../networks/types';
import type { BackgroundService, ServiceContext } from '../app/background-service';
import { COMMANDS } from '../app/names';
import { deleteWorkspace } from './delete-workspace';
import { deleteWorkspaceMedia } from './delete-workspace-media';
import { nextWorkspace } from './workspaces';
import type { WORKSPACES_PROTOCOL } from '../messaging/protocols/workspaces';

export function createWorkspacesService({ store, now }: ServiceContext, deps: { fetch?: Fetch } = {}): BackgroundService<keyof typeof WORKSPACES_PROTOCOL> {
  const fetch: Fetch = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    handlers: {
      'workspace.delete': async ({ workspaceId }) => {
        const opened = await store;
        // Its accounts are disconnected with it: their sign-ins end at the servers too (issue 18, hole 7).
        const { signIns, imageKeys, ...deleted } = await deleteWorkspace(opened, workspaceId);
        // Its templates and post images, in the media database, go with it: nothing of it stays behind.
        await deleteWorkspaceMedia(opened, workspaceId, imageKeys).catch((error: unknown) =>
          console.error('Cadence: the deleted workspace’s templates and images could not all be deleted', error),
        );
        return { ...deleted, serverSignOuts: await signOutEverywhere(opened, signIns, { fetch, now }) };
      },
    },
    /** The `next-workspace` keyboard command. */
    async onCommand(command) {
      if (command === COMMANDS.nextWorkspace) await nextWorkspace(await store);
    },
  };
}
