import type { MigrationStep } from './step';

/**
 * Version 3: the inbox poller and listening (issue 6). New stores only, so no existing row is
 * read or rewritten: inbox rows written before gain their new fields through schema defaults.
 * - `streamResults`: what listening streams found, listed per stream newest first;
 * - `pollState`: per-account notification cursors and cadence, and the side panel's visibility;
 * - `savedReplies`: canned answers per workspace;
 * - `deliveries.by-remote`: a mention of one of our posts finds its delivery without a scan.
 */
export const step003: MigrationStep = {
  version: 3,
  description: 'add streamResults, pollState, savedReplies and deliveries by remote id',
  upgrade(db, tx) {
    tx.objectStore('deliveries').createIndex('by-remote', 'remote.id');
    const results = db.createObjectStore('streamResults', { keyPath: 'id' });
    results.createIndex('by-stream-createdAt', ['streamId', 'createdAt']);
    results.createIndex('by-workspace-createdAt', ['workspaceId', 'createdAt']);
    db.createObjectStore('pollState', { keyPath: 'id' });
    db.createObjectStore('savedReplies', { keyPath: 'id' }).createIndex('by-workspace', 'workspaceId');
  },
};
