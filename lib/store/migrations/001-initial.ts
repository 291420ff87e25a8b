import type { MigrationStep } from './step';

/** Version 1: every store of the design (docs/architecture.md, decision 2) with the indexes the views list by. */
export const step001: MigrationStep = {
  version: 1,
  description: 'create all stores and their indexes',
  upgrade(db) {
    db.createObjectStore('workspaces', { keyPath: 'id' }).createIndex('by-name', 'name');

    db.createObjectStore('accounts', { keyPath: 'id' }).createIndex('by-workspace', 'workspaceId');
    db.createObjectStore('credentials', { keyPath: 'accountId' });

    const clips = db.createObjectStore('clips', { keyPath: 'id' });
    clips.createIndex('by-capturedAt', 'capturedAt');
    clips.createIndex('by-url', 'url');
    clips.createIndex('by-status-capturedAt', ['status', 'capturedAt']);
    clips.createIndex('by-tag', 'tags', { multiEntry: true });
    clips.createIndex('by-workspace', 'workspaceIds', { multiEntry: true });

    const posts = db.createObjectStore('posts', { keyPath: 'id' });
    posts.createIndex('by-workspace-updatedAt', ['workspaceId', 'updatedAt']);
    posts.createIndex('by-clip', 'clipId');

    const deliveries = db.createObjectStore('deliveries', { keyPath: 'id' });
    deliveries.createIndex('by-state-dueAt', ['state', 'dueAt']);
    deliveries.createIndex('by-post', 'postId');
    deliveries.createIndex('by-account-dueAt', ['accountId', 'dueAt']);
    deliveries.createIndex('by-workspace-dueAt', ['workspaceId', 'dueAt']);

    const inbox = db.createObjectStore('inbox', { keyPath: 'id' });
    inbox.createIndex('by-createdAt', 'createdAt');
    inbox.createIndex('by-account-createdAt', ['accountId', 'createdAt']);
    inbox.createIndex('by-state-createdAt', ['state', 'createdAt']);

    const metrics = db.createObjectStore('metrics', { keyPath: 'id' });
    metrics.createIndex('by-delivery-takenAt', ['deliveryId', 'takenAt']);
    metrics.createIndex('by-account-takenAt', ['accountId', 'takenAt']);

    db.createObjectStore('streams', { keyPath: 'id' }).createIndex('by-workspace', 'workspaceId');
    db.createObjectStore('settings', { keyPath: 'id' });
    db.createObjectStore('meta', { keyPath: 'id' });
  },
};
