/**
 * Memoises a read of a dataset's precomputed statistics. Those rows never change once
 * a dataset is visible: a replaced dataset gets a new id, so an entry keyed by dataset
 * id can never be stale. Bounded (least recently used out), per server process.
 */
export function memoByDataset<Args extends (string | number | undefined)[], Result>(
  read: (datasetId: number, ...args: Args) => Promise<Result>,
  capacity = 64,
): (datasetId: number, ...args: Args) => Promise<Result> {
  const entries = new Map<string, Promise<Result>>();
  return (datasetId, ...args) => {
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
