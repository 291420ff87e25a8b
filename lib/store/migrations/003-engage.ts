import type { MigrationStep } from './step';

/**
 * Version 3: the inbox poller and listening (issue 6). New stores only, so no existing row is
 * read or rewritten: inbox rows written before gain their new fields through schema defaults.
 * - `streamResults`: what listening streams found, listed per stream newest first;
 * - `pollState`: per-account notification cursors and cadence, and the side panel's visibility;
 * - `savedReplies`: canned answers per workspace.
 */
export const step003: MigrationStep = {
  version: 3,
  description: 'add streamResults, pollState and savedReplies',
  upgrade(db) {
    const results = db.createObjectStore('streamResults', { keyPath: 'id' });
    results.createIndex('by-stream-createdAt', ['streamId', 'createdAt']);
    results.createIndex('by-workspace-createdAt', ['workspaceId', 'createdAt']);
    db.createObjectStore('pollState', { keyPath: 'id' });
    db.createObjectStore('savedReplies', { keyPath: 'id' }).createIndex('by-workspace', 'workspaceId');
  },
};
