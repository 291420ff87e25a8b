import type { MigrationStep } from './step';

/** Rows of one workspace's team side, listed per workspace and kind (lib/model/team.ts). */
export const TEAM_BY_WORKSPACE_KIND = 'by-workspace-kind';

/**
 * Version 8: `team`, this browser's side of shared workspaces (issue 23): the link to the team
 * server, the member's password, the documents as the server last gave them, and the ones refused.
 * A new store only: no row is read or written, so no backup copy is made (MigrationStep.keepsRows).
 */
export const step008: MigrationStep = {
  version: 8,
  description: 'add team',
  keepsRows: true,
  upgrade(db) {
    db.createObjectStore('team', { keyPath: 'id' }).createIndex(TEAM_BY_WORKSPACE_KIND, ['workspaceId', 'kind']);
  },
};
