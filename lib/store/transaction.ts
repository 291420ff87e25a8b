import type { IDBPTransaction } from 'idb';
import type { StoreName } from './stores';

/**
 * A transaction that writes Cadence's stores: a collection's own or a batch's (./collection.ts
 * createBatch). The one type every in-transaction helper takes, so no caller casts its
 * transaction to fit. (An upgrade's transaction can do all this one can, and more.)
 */
export type WriteTransaction = IDBPTransaction<unknown, StoreName[], 'readwrite'>;
