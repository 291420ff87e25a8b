/** The store's public face: a barrel only (the store itself is ./store.ts), so no member imports it back. */
export { createStore, openStore, type Store } from './store';
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
export { TALLY_STORE, type ClipChange } from './tally/tally-clip-changes';
export { type Batch } from './collection';
export type { WriteTransaction } from './transaction';
export { tallyCount } from './tally/tally-count';
