import { clipTermsOf } from './search/terms';
import { tallyClipChanges, TALLY_STORE, type ClipChange } from './tally/tally-clip-changes';
import type { WriteTransaction } from './transaction';
import type { RecordOf, StoreName } from './stores';

/**
 * A store whose rows are computed from another store's rows. The collection of the source store
 * writes and deletes the derived row in the same transaction as its own, so the two never
 * disagree, even when a context dies between two writes.
 */
export interface Derivation<T> {
  store: StoreName;
  rowOf(value: T): unknown;
}

export type Derivations = { [S in StoreName]?: Derivation<RecordOf<S>> };

export const DERIVED: Derivations = {
  clips: { store: 'clipTerms', rowOf: clipTermsOf },
};

/**
 * A store whose writes are counted in another store (./tally): the collection hands over each row
 * as it was before the write and as it is after, in the write's own transaction.
 */
export interface Tally {
  store: StoreName;
  count(tx: WriteTransaction, changes: ClipChange[]): Promise<void>;
}

export const TALLIED: { [S in StoreName]?: Tally } = {
  clips: { store: TALLY_STORE, count: tallyClipChanges },
};
