// What Ozon does on its own while the seller works: new orders arrive, overdue postings get cancelled, packed
// postings are picked up and delivered, long-finished ones are forgotten. Run lazily before each request (the sandbox has no background timers), so a demo
// that was stopped for a weekend catches up on start and stays useful: the queue always holds fresh work
// relative to the current time, and stale work disappears the way it would at Ozon.
import { makePosting } from './demo-data'
import type { DemoOptions } from './options'
import { int, rng, subSeed } from './random'
import { moveTo, type SbAccount } from './world'

const HOUR = 3_600_000
/** After a long pause only the last 3 days of arrivals are replayed (older ones would be auto-cancelled anyway). */
const MAX_CATCH_UP_MS = 72 * HOUR
/** The demo stops adding work when this many postings already await packing. */
const MAX_QUEUE = 220
/** Ozon-logistics parcels reach the buyer this long after pickup. */
const DELIVERY_MS = 72 * HOUR
/** Finished postings older than this are dropped from the sandbox so a months-long demo keeps a small state file. */
const FORGET_AFTER_MS = 60 * 24 * HOUR
const FINISHED = new Set(['delivered', 'cancelled', 'cancelled_from_split_pending'])

export interface WorldRules {
  arrivals: boolean
  arrivalEveryMinutes: number
  autoCancelOverdueAfterHours: number | null
  autoPickupAfterHours: number | null
}

export function worldRules(demo: DemoOptions | undefined): WorldRules {
  return {
    arrivals: demo?.arrivals ?? true,
    arrivalEveryMinutes: demo?.arrivalEveryMinutes ?? 35,
    autoCancelOverdueAfterHours: demo?.autoCancelOverdueAfterHours === undefined ? 72 : demo.autoCancelOverdueAfterHours,
    autoPickupAfterHours: demo?.autoPickupAfterHours === undefined ? 36 : demo.autoPickupAfterHours,
  }
}

/** Advances the account's world to `now`. Returns true when anything changed. */
export function advanceWorld(acc: SbAccount, now: Date, rules: WorldRules): boolean {
  let changed = false
  if (rules.arrivals) changed = arrive(acc, now, rules) || changed
  changed = expire(acc, now, rules) || changed
  return changed
}

function arrive(acc: SbAccount, now: Date, rules: WorldRules): boolean {
  const t = now.getTime()
  let last = Date.parse(acc.arrivals.last_at)
  if (Number.isNaN(last) || last > t) {
    acc.arrivals.last_at = now.toISOString()
    return true
  }
  if (t - last > MAX_CATCH_UP_MS) last = t - MAX_CATCH_UP_MS
  const mean = rules.arrivalEveryMinutes * 60_000
  let changed = false
  for (;;) {
    // The k-th gap is a pure function of (seed, k): restarts and catch-ups give the same arrivals.
    const r = rng(subSeed(acc.seed, `arrival-${acc.arrivals.count}`))
    const gap = Math.min(4 * mean, Math.max(120_000, -Math.log(1 - r()) * mean))
    if (last + gap > t) break
    last += gap
    acc.arrivals.count++
    acc.arrivals.last_at = new Date(last).toISOString()
    changed = true
    const waiting = Object.values(acc.postings).filter((p) => p.status === 'awaiting_packaging').length
    if (waiting >= MAX_QUEUE) continue
    const at = new Date(last)
    const p = makePosting(acc, r, at, { shipmentDate: new Date(last + int(r, 18 * 60, 40 * 60) * 60_000).toISOString(), inProcessAt: at.toISOString() })
    acc.postings[p.posting_number] = p
  }
  return changed
}

function expire(acc: SbAccount, now: Date, rules: WorldRules): boolean {
  const t = now.getTime()
  const stamp = now.toISOString()
  let changed = false
  for (const p of Object.values(acc.postings)) {
    if (rules.autoCancelOverdueAfterHours !== null && p.status === 'awaiting_packaging' && !p.ship_job) {
      if (t - Date.parse(p.shipment_date) > rules.autoCancelOverdueAfterHours * HOUR) {
        moveTo(p, 'cancelled', 'posting_canceled', stamp)
        p.cancellation = {
          cancel_reason_id: 1001,
          cancel_reason: 'Отправление не собрано вовремя',
          cancellation_type: 'ozon',
          cancellation_initiator: 'Ozon',
          cancelled_after_ship: false,
        }
        changed = true
      }
    }
    if (FINISHED.has(p.status) && t - Date.parse(p.last_changed_status_date) > FORGET_AFTER_MS) {
      delete acc.postings[p.posting_number]
      changed = true
      continue
    }
    if (rules.autoPickupAfterHours !== null && p.status === 'delivering' && p.tpl_integration_type === 'ozon' && p.delivering_date) {
      if (t - Date.parse(p.delivering_date) > DELIVERY_MS) {
        moveTo(p, 'delivered', 'posting_delivered', stamp)
        p.fact_delivery_date = stamp
        changed = true
      }
    }
    if (rules.autoPickupAfterHours !== null && p.status === 'awaiting_deliver' && p.tpl_integration_type === 'ozon' && p.packed_at) {
      if (t - Date.parse(p.packed_at) > rules.autoPickupAfterHours * HOUR) {
        moveTo(p, 'delivering', 'posting_in_courier_service', stamp)
        p.delivering_date = stamp
        changed = true
      }
    }
  }
  return changed
}
