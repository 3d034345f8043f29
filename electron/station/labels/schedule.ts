// When to ask Ozon for a label. Ozon makes a label 45–60 s after packing; asking earlier only earns "The next
// postings aren't ready", so the first attempt waits for the readiness window and later ones back off. Pure
// functions of times in ms, so the rules are tested without a clock.

export interface LabelSchedule {
  /** Time after packing before the first attempt (live Ozon: 45 s; the demo sandbox: its configured delay). */
  readyAfterMs: number
  /** Pauses after an attempt that found no label yet (or no Ozon); the last one repeats. */
  retryDelaysMs: number[]
  /** A label still not there this long after `since` is given up as failed (a person may ask again). */
  giveUpAfterMs: number
}

export const LIVE_READY_AFTER_MS = 45_000
export const DEFAULT_RETRY_DELAYS_MS = [5_000, 10_000, 15_000, 30_000, 60_000, 120_000]
export const DEFAULT_GIVE_UP_AFTER_MS = 30 * 60_000

/** When the first attempt for a package packed at `packedAtMs` is due. */
export function firstAttemptAt(packedAtMs: number, s: LabelSchedule): number {
  return packedAtMs + Math.max(0, s.readyAfterMs)
}

/** When to try again after the `attempts`-th attempt (1-based) came back without a label, at `nowMs`. */
export function nextAttemptAt(attempts: number, nowMs: number, s: LabelSchedule): number {
  const delays = s.retryDelaysMs.length > 0 ? s.retryDelaysMs : DEFAULT_RETRY_DELAYS_MS
  return nowMs + delays[Math.min(Math.max(attempts, 1), delays.length) - 1]!
}

/** True when a label waiting since `sinceMs` should not be waited for any longer. */
export function givenUp(sinceMs: number, nowMs: number, s: LabelSchedule): boolean {
  return nowMs - sinceMs >= s.giveUpAfterMs
}
