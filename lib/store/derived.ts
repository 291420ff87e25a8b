import { clipTermsOf } from './search/terms';
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
