/**
 * Token buckets per client, in this process's memory: a client may spend `capacity`
 * at once and regains `perMinute` a minute. Enough to stop one client filling a shared
 * list (saved views); a deployment of several processes limits per process.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perMinute: number,
  ) {}

  /**
   * Spends one token of `client`'s bucket.
   * @param now milliseconds (Date.now() unless a test says otherwise)
   * @returns whether the request may proceed, and if not, in how many seconds one will
   */
  take(client: string, now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(client) ?? { tokens: this.capacity, at: now };
    const tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * perMs);
    if (tokens < 1) {
      this.buckets.set(client, { tokens, at: now });
      return { ok: false, retryAfterSeconds: Math.ceil((1 - tokens) / perMs / 1000) };
    }
    this.buckets.set(client, { tokens: tokens - 1, at: now });
    if (this.buckets.size > 10_000) this.forgetFull(now);
    return { ok: true };
  }

  /** Drops buckets that have refilled completely (they hold no state worth keeping). */
  private forgetFull(now: number): void {
    const perMs = this.perMinute / 60_000;
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * perMs >= this.capacity) this.buckets.delete(client);
    }
  }
}

/** The client a request comes from: the first X-Forwarded-For hop when a proxy sets it. */
export function clientKey(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || "direct";
}
