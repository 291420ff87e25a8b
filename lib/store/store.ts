import type { IDBPDatabase } from 'idb';
import { createChangeFeed, type ChangeFeed } from './change-feed';
import { createCollection, type Collection } from './collection';
import { DERIVED, type Derivation } from './derived';
import { openCadenceDb, type OpenOptions } from './open-db';
import { STORE_NAMES, type RecordOf, type StoreName } from './stores';

export type Store = { [S in StoreName]: Collection<RecordOf<S>> } & {
  db: IDBPDatabase;
  feed: ChangeFeed;
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
    close() {
      feed.close();
      db.close();
    },
  };
}

export async function openStore(options?: OpenOptions & { feed?: ChangeFeed }): Promise<Store> {
  return createStore(await openCadenceDb(options), options?.feed);
}

export { checkRow, validRows, type Row } from './rows';
export { createChangeFeed, CHANGE_CHANNEL, type Change, type ChangeFeed } from './change-feed';
export { coalesce } from './coalesce';
export { STORES, STORE_NAMES, type StoreName, type RecordOf } from './stores';
export { DB_NAME } from './open-db';
export { DB_VERSION, MIGRATIONS } from './migrations';
export { searchClips, type ClipFilters, type ClipSearch, type SearchCursor } from './search/search-clips';
export { countClips } from './search/count-clips';
export { listFacetValues } from './search/facet-values';
export { flaggedClips } from './search/flagged-clips';
export { termsOf, facetTermsOf, clipTermsOf, siteOf } from './search/terms';
export { readClipTally, type ClipTallies } from './tally/read-clip-tally';
export { countOf, facetCounts, type ClipTally } from './tally/clip-tally';
export { tallyClipChanges, TALLY_STORE, type ClipChange, type TallyTransaction } from './tally/tally-clip-changes';
export { tallyCount } from './tally/tally-count';
