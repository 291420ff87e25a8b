import type { IDBPDatabase } from 'idb';
import { createChangeFeed, type ChangeFeed } from './change-feed';
import { createBatch, createCollection, type Batch, type Collection } from './collection';
import { DERIVED, type Derivation } from './derived';
import { openCadenceDb, type OpenOptions } from './open-db';
import { STORE_NAMES, type RecordOf, type StoreName } from './stores';

export type Store = { [S in StoreName]: Collection<RecordOf<S>> } & {
  db: IDBPDatabase;
  feed: ChangeFeed;
  /** Many writes across `stores` in one transaction, derived rows kept (./collection.ts Batch). */
  batch(stores: readonly StoreName[]): Batch;
  close(): void;
};

export function createStore(db: IDBPDatabase, feed: ChangeFeed = createChangeFeed()): Store {
  const collection = <S extends StoreName>(name: S) => createCollection(db, name, feed, DERIVED[name] as Derivation<RecordOf<S>> | undefined);
  const collections = Object.fromEntries(STORE_NAMES.map((name) => [name, collection(name)])) as {
    [S in StoreName]: Collection<RecordOf<S>>;
  };
  return {
    ...collections,
    db,
    feed,
    batch: (stores) => createBatch(db, feed, stores),
    close() {
      feed.close();
      db.close();
    },
  };
}

export async function openStore(options?: OpenOptions & { feed?: ChangeFeed }): Promise<Store> {
  return createStore(await openCadenceDb(options), options?.feed);
}
