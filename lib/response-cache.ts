/**
 * Finished API response bodies of immutable datasets, kept in this server process.
 *
 * A dataset's data change only with its id (a replacement is a new dataset) or its
 * revision (its ground truth replaced in place), so a response identified by those and
 * the request URL (its ETag, lib/http.ts) is the same bytes for as long as the process
 * lives. Under load most requests repeat (the correlation
 * matrix, the page a shared link opens): answering them from memory costs one lookup of
 * the slug instead of the reads, the statistics and the JSON serialisation.
 *
 * Bounded by bytes, least recently used out; a body larger than an eighth of the budget
 * is never kept (one export must not evict everything else).
 */
export interface CachedResponse {
  body: Uint8Array;
  /** The handler's own headers (content type, disposition...), replayed on a hit. */
  headers: [string, string][];
}

/** Default budget; RESPONSE_CACHE_MB overrides it (0 turns the cache off). */
const DEFAULT_BUDGET_MB = 32;

export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;

  constructor(readonly budgetBytes: number) {}

  get(key: string): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert: the most recently used entry is last in the Map's order.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  /** Whether a body of this size may be kept at all. */
  accepts(size: number): boolean {
    return size <= this.budgetBytes / 8;
  }

  set(key: string, entry: CachedResponse): void {
    if (!this.accepts(entry.body.byteLength)) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= previous.body.byteLength;
    }
    this.entries.set(key, entry);
    this.bytes += entry.body.byteLength;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.body.byteLength;
    }
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

function budgetFromEnvironment(): number {
  const raw = process.env.RESPONSE_CACHE_MB;
  const mb = raw === undefined || raw === "" ? DEFAULT_BUDGET_MB : Number(raw);
  if (!Number.isFinite(mb) || mb < 0) throw new Error(`RESPONSE_CACHE_MB must be a number of megabytes ≥ 0 (got "${raw}")`);
  return Math.floor(mb * 2 ** 20);
}

const caches = new WeakMap<object, ResponseCache>();

/**
 * The cache of dataset responses read from one database: dataset ids are unique within a
 * database only (a server has one; a test process opens several in turn).
 */
export function datasetResponsesOf(database: object): ResponseCache {
  let cache = caches.get(database);
  if (!cache) caches.set(database, (cache = new ResponseCache(budgetFromEnvironment())));
  return cache;
}
