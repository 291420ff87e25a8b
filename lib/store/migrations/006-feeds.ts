import type { MigrationStep } from './step';

/** Version 6: `feeds`, the RSS, Atom and JSON feeds each workspace follows (issue 22), listed per workspace. */
export const step006: MigrationStep = {
  version: 6,
  description: 'add feeds',
  upgrade(db) {
    db.createObjectStore('feeds', { keyPath: 'id' }).createIndex('by-workspace', 'workspaceId');
  },
};
