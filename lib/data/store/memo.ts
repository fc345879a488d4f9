import { getDatabase } from "@/lib/db/server";

/**
 * Memoises a read of a dataset's rows that never change once the dataset is visible
 * (statistics, queries, groups): a replaced dataset gets a new id, so an entry keyed by
 * dataset id can never be stale. Bounded (least recently used out), per server process
 * and per database (ids are unique within one database only; a test process opens
 * several in turn). Callers share the result: it must not be modified.
 */
export function memoByDataset<Args extends (string | number | undefined)[], Result>(
  read: (datasetId: number, ...args: Args) => Promise<Result>,
  capacity = 64,
): (datasetId: number, ...args: Args) => Promise<Result> {
  const byDatabase = new WeakMap<object, Map<string, Promise<Result>>>();
  return async (datasetId, ...args) => {
    const database = await getDatabase();
    let entries = byDatabase.get(database);
    if (!entries) byDatabase.set(database, (entries = new Map()));
    const key = JSON.stringify([datasetId, ...args]);
    const hit = entries.get(key);
    if (hit) {
      entries.delete(key); // re-insert: most recently used last
      entries.set(key, hit);
      return hit;
    }
    const value = read(datasetId, ...args);
    entries.set(key, value);
    value.catch(() => entries.delete(key)); // a failed read is retried next time
    if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    return value;
  };
}
