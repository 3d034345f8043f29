// Client-side request limiter. Ozon allows 50 requests/s per Client-Id across all methods (§1.5) and throttles
// stricter per method; several benches or shops in one process share one Client-Id budget, so windows live in a
// process-wide registry keyed by base URL + Client-Id. A sliding window (not a token bucket) is used because it
// guarantees "at most N in any window", which is what a per-second limiter on the other side counts.

export interface WindowLimit {
  /** At most `max` requests … */
  max: number
  /** … in any window of this many milliseconds. */
  perMs: number
}

export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

/**
 * One sliding window. An entry occupies its slot from the moment it is granted until `perMs` after the request
 * *finished*: the server counts a request when it arrives, which is some time after we sent it, so measuring from
 * the send time would let two bursts meet in the server's window. Measuring from completion cannot.
 */
export class SlidingWindow {
  private readonly entries: { until: number }[] = []
  constructor(readonly limit: WindowLimit) {
    if (!(limit.max >= 1) || !(limit.perMs > 0)) throw new Error(`rate limit must allow at least 1 request per window, got ${JSON.stringify(limit)}`)
  }

  /** Milliseconds to wait before a grant would stay within the limit (0 = now). */
  waitMs(now: number): number {
    for (let i = this.entries.length - 1; i >= 0; i--) if (this.entries[i]!.until + this.limit.perMs <= now) this.entries.splice(i, 1)
    if (this.entries.length < this.limit.max) return 0
    let soonest = Infinity
    for (const e of this.entries) soonest = Math.min(soonest, e.until)
    // Every slot is held by a request still in flight: look again shortly.
    return soonest === Infinity ? IN_FLIGHT_POLL_MS : soonest + this.limit.perMs - now
  }

  /** Takes a slot now, finished at once (the server side counts arrivals this way). */
  record(now: number): void {
    this.entries.push({ until: now })
  }

  /** Takes a slot for a request in flight; call the returned function when it has finished. */
  hold(): (finishedAt: number) => void {
    const entry = { until: Infinity }
    this.entries.push(entry)
    return (finishedAt) => {
      entry.until = finishedAt
    }
  }
}

const IN_FLIGHT_POLL_MS = 5

export class RateLimiter {
  private readonly global: SlidingWindow
  private readonly perMethod = new Map<string, SlidingWindow>()

  constructor(
    globalLimit: WindowLimit,
    private readonly methodLimits: Record<string, WindowLimit>,
    private readonly clock: Clock = realClock,
  ) {
    this.global = new SlidingWindow(globalLimit)
  }

  /**
   * Resolves when a request to `method` may be sent, with a function to call once its answer has arrived.
   * The slot is taken in both windows atomically.
   */
  async acquire(method: string): Promise<() => void> {
    const limit = this.methodLimits[method]
    let own = limit ? this.perMethod.get(method) : undefined
    if (limit && !own) {
      own = new SlidingWindow(limit)
      this.perMethod.set(method, own)
    }
    for (;;) {
      const now = this.clock.now()
      const wait = Math.max(this.global.waitMs(now), own ? own.waitMs(now) : 0)
      if (wait <= 0) {
        const a = this.global.hold()
        const b = own?.hold()
        return () => {
          const at = this.clock.now()
          a(at)
          b?.(at)
        }
      }
      await this.clock.sleep(wait)
    }
  }
}

/** Stay a little under Ozon's 50/s so clock skew and other tools on the same key do not tip us over. */
export const DEFAULT_GLOBAL_LIMIT: WindowLimit = { max: 45, perMs: 1000 }

/** Stricter per-method limits known from the field (§1.5). Callers may override or add. */
export const DEFAULT_METHOD_LIMITS: Record<string, WindowLimit> = {
  '/v1/warehouse/list': { max: 1, perMs: 60_000 }, // PYA docstring + field note: once a minute
  '/v3/posting/fbs/get': { max: 10, perMs: 1000 }, // 429s are frequent here (PYA even uses 2/s) [UNCERTAIN]
}

const registry = new Map<string, RateLimiter>()

/**
 * The limiter shared by every client of one Client-Id at one base URL in this process. The first client's limits
 * win; pass `shared: false` in tests that need their own.
 */
export function sharedLimiter(key: string, make: () => RateLimiter): RateLimiter {
  let limiter = registry.get(key)
  if (!limiter) {
    limiter = make()
    registry.set(key, limiter)
  }
  return limiter
}
