import type { IDBPDatabase } from 'idb';
import type { z } from 'zod';
import { ValidationError, zodMessage } from '../errors';
import type { ChangeFeed } from './change-feed';
import { DERIVED, TALLIED, type Derivation } from './derived';
import type { ClipChange } from './tally/tally-clip-changes';
import { checkRow, type Row } from './rows';
import { STORES, type RecordOf, type StoreName } from './stores';
import type { WriteTransaction } from './transaction';

export interface ListOptions {
  index?: string;
  query?: IDBKeyRange | IDBValidKey;
  direction?: IDBCursorDirection;
  limit?: number;
}

export interface Collection<T> {
  get(key: string): Promise<Row<T> | undefined>;
  /** Rows of `keys`, in their order (undefined where none), read in one transaction: a get each would open one each. */
  getMany(keys: readonly string[]): Promise<(Row<T> | undefined)[]>;
  /** Validates before writing: an invalid record is refused with a ValidationError, nothing written. */
  put(value: T): Promise<T>;
  putMany(values: T[]): Promise<void>;
  /**
   * Writes each of `values` whose key holds no row yet (a damaged row counts as one: it is left
   * as it is), in one transaction announced once. Returns what it wrote. For a batch of new rows
   * from a network, where a row the user already touched must never be rewritten.
   */
  addAbsent(values: T[]): Promise<T[]>;
  delete(key: string): Promise<void>;
  list(options?: ListOptions): Promise<Row<T>[]>;
  count(options?: Pick<ListOptions, 'index' | 'query'>): Promise<number>;
  /**
   * Read-check-write in one transaction: `change` sees the current valid row (or undefined) and
   * returns the new row, or `undefined` to write nothing. A flagged row is never overwritten.
   */
  update(key: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined>;
}

export function createCollection<S extends StoreName>(
  db: IDBPDatabase,
  store: S,
  feed: ChangeFeed,
  derived?: Derivation<RecordOf<S>>,
): Collection<RecordOf<S>> {
  type T = RecordOf<S>;
  // Every write touches the derived store and the tally too, in one transaction (see ./derived.ts).
  const tally = TALLIED[store];
  const scope: StoreName[] = [store, ...(derived ? [derived.store] : []), ...(tally ? [tally.store] : [])];
  const writeTx = (): WriteTransaction => db.transaction(scope, 'readwrite');
  // The rows as they are before this write, read in its transaction; only a tallied store needs them.
  const rowsBefore = (tx: ReturnType<typeof writeTx>, keys: string[]): Promise<unknown[]> => Promise.all(keys.map((key) => tx.objectStore(store).get(key)));
  const countChanges = (tx: ReturnType<typeof writeTx>, changes: ClipChange[]) => tally?.count(tx, changes);
  const putDerived = (tx: ReturnType<typeof writeTx>, row: T) => (derived ? tx.objectStore(derived.store).put(derived.rowOf(row)) : undefined);
  const deleteDerived = (tx: ReturnType<typeof writeTx>, key: string) => (derived ? tx.objectStore(derived.store).delete(key) : undefined);
  const { keyPath } = STORES[store];
  const schema: z.ZodType = STORES[store].schema;
  const keyOf = (value: unknown) => String((value as Record<string, unknown>)[keyPath]);
  const validate = (value: unknown): T => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new ValidationError(`Refused to save an invalid ${store} row: ${zodMessage(parsed.error)}`);
    return parsed.data as T;
  };

  return {
    async get(key) {
      const raw: unknown = await db.get(store, key);
      return raw === undefined ? undefined : (checkRow(schema, key, raw) as Row<T>);
    },
    async getMany(keys) {
      if (keys.length === 0) return [];
      const tx = db.transaction(store);
      const raws: unknown[] = await Promise.all(keys.map((key) => tx.store.get(key)));
      await tx.done;
      return raws.map((raw, at) => (raw === undefined ? undefined : (checkRow(schema, keys[at]!, raw) as Row<T>)));
    },
    async put(value) {
      const row = validate(value);
      const tx = writeTx();
      const [before] = tally ? await rowsBefore(tx, [keyOf(row)]) : [];
      await Promise.all([tx.objectStore(store).put(row), putDerived(tx, row), countChanges(tx, [{ before, after: row }]), tx.done]);
      feed.publish({ store, keys: [keyOf(row)], op: 'put' });
      return row;
    },
    async putMany(values) {
      const rows = values.map(validate);
      const tx = writeTx();
      const stored = tally ? await rowsBefore(tx, rows.map(keyOf)) : [];
      // A key written twice in one batch: its second write replaces the first, not the stored row.
      const latest = new Map<string, unknown>();
      const changes = rows.map((row, i) => {
        const key = keyOf(row);
        const before = latest.has(key) ? latest.get(key) : stored[i];
        latest.set(key, row);
        return { before, after: row };
      });
      await Promise.all([...rows.flatMap((row) => [tx.objectStore(store).put(row), putDerived(tx, row)]), countChanges(tx, changes), tx.done]);
      feed.publish({ store, keys: rows.map(keyOf), op: 'put' });
    },
    async addAbsent(values) {
      const rows = values.map(validate);
      if (rows.length === 0) return [];
      const tx = writeTx();
      const existing = await Promise.all(rows.map((row) => tx.objectStore(store).getKey(keyOf(row))));
      const seen = new Set<string>();
      const fresh = rows.filter((row, at) => {
        const key = keyOf(row);
        if (existing[at] !== undefined || seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      await Promise.all([
        ...fresh.flatMap((row) => [tx.objectStore(store).put(row), putDerived(tx, row)]),
        countChanges(
          tx,
          fresh.map((row) => ({ before: undefined, after: row })),
        ),
        tx.done,
      ]);
      if (fresh.length > 0) feed.publish({ store, keys: fresh.map(keyOf), op: 'put' });
      return fresh;
    },
    async delete(key) {
      const tx = writeTx();
      const [before] = tally ? await rowsBefore(tx, [key]) : [];
      await Promise.all([
        tx.objectStore(store).delete(key),
        deleteDerived(tx, key),
        before === undefined ? undefined : countChanges(tx, [{ before, after: undefined }]),
        tx.done,
      ]);
      feed.publish({ store, keys: [key], op: 'delete' });
    },
    async list({ index, query, direction = 'next', limit = Infinity } = {}) {
      const tx = db.transaction(store);
      const source = index ? tx.store.index(index) : tx.store;
      // Two requests for the whole range instead of one per row (a cursor step is a round trip and
      // its garbage: the calendar's month of 2,000 deliveries); newest-first with a limit keeps the cursor.
      if (direction === 'next' || (direction === 'prev' && limit === Infinity)) {
        const count = limit === Infinity ? undefined : limit;
        // An index's getAllKeys gives the rows' primary keys, in the same order as its getAll.
        const [keys, values] = await Promise.all([source.getAllKeys(query, count), source.getAll(query, count), tx.done]);
        const rows = values.map((value, at) => checkRow(schema, String(keys[at]), value) as Row<T>);
        // Reversed, ascending (index key, primary key) is the order a 'prev' cursor walks.
        return direction === 'next' ? rows : rows.reverse();
      }
      const rows: Row<T>[] = [];
      for (let cursor = await source.openCursor(query, direction); cursor && rows.length < limit; cursor = await cursor.continue()) {
        rows.push(checkRow(schema, String(cursor.primaryKey), cursor.value) as Row<T>);
      }
      await tx.done;
      return rows;
    },
    async count({ index, query } = {}) {
      return index ? db.countFromIndex(store, index, query) : db.count(store, query);
    },
    async update(key, change) {
      const tx = writeTx();
      const raw: unknown = await tx.objectStore(store).get(key);
      let current: T | undefined;
      if (raw !== undefined) {
        const row = checkRow(schema, key, raw);
        if (!row.ok) {
          tx.abort();
          await tx.done.catch(() => undefined); // the abort we just asked for
          throw new ValidationError(`The stored ${store} row ${key} is damaged (${row.reason}); it was left untouched.`);
        }
        current = row.value as T;
      }
      const next = change(current);
      if (next === undefined) {
        await tx.done;
        return undefined;
      }
      let row: T;
      try {
        row = validate(next);
      } catch (error) {
        tx.abort();
        await tx.done.catch(() => undefined); // the abort we just asked for
        throw error;
      }
      await Promise.all([tx.objectStore(store).put(row), putDerived(tx, row), countChanges(tx, [{ before: raw, after: row }]), tx.done]);
      feed.publish({ store, keys: [keyOf(row)], op: 'put' });
      return row;
    },
  };
}

/**
 * Many writes across stores in ONE transaction, for the writers that cannot go row by row through
 * a collection (a backup import, deleting a workspace). The batch keeps what derives from a row
 * exactly as a collection does: the clip search terms are written and deleted with their clip,
 * and the tally counts every clip change before the transaction ends. Rows are the caller's to
 * validate (a collection's put validates; a batch writes what it is given). Nothing is announced
 * until the transaction has committed; then each store written is announced once per kind of write.
 */
export interface Batch {
  /** The batch's transaction, for reads. Writes go through put and delete, so nothing derived is missed. */
  readonly tx: WriteTransaction;
  /** Writes `row`; `before` is the row as stored before, read in this transaction (raw: absent, valid or damaged). */
  put(store: StoreName, row: unknown, before: unknown): Promise<void>;
  delete(store: StoreName, key: string, before: unknown): Promise<void>;
  /** Counts the batch's changes, waits for the transaction to commit, then announces what it wrote. */
  commit(): Promise<void>;
  /** Abandons the batch: nothing it wrote stays, nothing is announced. */
  abort(): Promise<void>;
}

/** The stores a batch over `stores` must hold: those, and what derives from them and counts them. */
function batchScope(stores: readonly StoreName[]): StoreName[] {
  const derived = stores.flatMap((name) => [DERIVED[name]?.store, TALLIED[name]?.store]).filter((name): name is StoreName => name !== undefined);
  return [...new Set([...stores, ...derived])];
}

export function createBatch(db: IDBPDatabase, feed: ChangeFeed, stores: readonly StoreName[]): Batch {
  const tx: WriteTransaction = db.transaction(batchScope(stores), 'readwrite');
  const changes = new Map<StoreName, ClipChange[]>();
  const written = new Map<string, { store: StoreName; op: 'put' | 'delete'; keys: string[] }>();
  const note = (store: StoreName, op: 'put' | 'delete', key: string) => {
    const entry = written.get(`${op}:${store}`) ?? { store, op, keys: [] };
    entry.keys.push(key);
    written.set(`${op}:${store}`, entry);
  };
  const counted = (store: StoreName, change: ClipChange) => {
    if (TALLIED[store]) changes.set(store, [...(changes.get(store) ?? []), change]);
  };
  const keyOf = (store: StoreName, row: unknown) => String((row as Record<string, unknown>)[STORES[store].keyPath]);
  return {
    tx,
    async put(store, row, before) {
      const key = keyOf(store, row);
      const derived = DERIVED[store] as Derivation<unknown> | undefined;
      await Promise.all([tx.objectStore(store).put(row), derived ? tx.objectStore(derived.store).put(derived.rowOf(row)) : undefined]);
      counted(store, { before, after: row });
      note(store, 'put', key);
      if (derived) note(derived.store, 'put', key);
    },
    async delete(store, key, before) {
      const derived = DERIVED[store];
      await Promise.all([tx.objectStore(store).delete(key), derived ? tx.objectStore(derived.store).delete(key) : undefined]);
      if (before !== undefined) counted(store, { before, after: undefined });
      note(store, 'delete', key);
      if (derived) note(derived.store, 'delete', key);
    },
    async commit() {
      for (const [store, list] of changes) await TALLIED[store]!.count(tx, list);
      await tx.done;
      for (const change of written.values()) feed.publish(change);
    },
    async abort() {
      tx.abort();
      await tx.done.catch(() => undefined); // the abort we just asked for
    },
  };
}
