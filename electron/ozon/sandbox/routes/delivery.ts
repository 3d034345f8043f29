// Tracking numbers and the seller-driven delivery statuses (§8). Per-item results: one bad posting does not
// fail the others (HTTP 200 with `result: false` and a reason for that item).
import { BodyReader } from '../body'
import type { SbPosting } from '../world'
import type { Call, Route } from './types'

const MAX_PAIRS = 20
/** Carrier tracking numbers: letters, digits and dashes, 4–40 long. Ozon does not publish its rule [UNCERTAIN]. */
const TRACK_RE = /^[A-Za-z0-9-]{4,40}$/
const TRACKABLE = new Set(['awaiting_deliver', 'driver_pickup', 'delivering'])

type ItemResult = { posting_number: string; result: boolean; error: string }

export const trackingNumberSetV2: Route = (c) => {
  const message = 'FbsPostingTrackingNumberSetRequest'
  const b = new BodyReader(c.body, message)
  const pairs = b.array('tracking_numbers', { required: true, max: MAX_PAIRS }).map((raw, i) => {
    const r = new BodyReader((raw ?? {}) as Record<string, unknown>, `${message}.TrackingNumbers[${i}]`)
    return { posting_number: r.string('posting_number', { required: true }), tracking_number: r.string('tracking_number').trim() }
  })
  const result: ItemResult[] = pairs.map(({ posting_number, tracking_number }) => {
    const p = c.acc.postings[posting_number]
    const fail = (error: string) => ({ posting_number, result: false, error })
    if (!p) return fail('POSTING_NOT_FOUND')
    if (p.tpl_integration_type === 'ozon' || p.tpl_integration_type === 'aggregator') return fail('HAS_INCORRECT_TPL_INTEGRATION_TYPE')
    if (!TRACKABLE.has(p.status)) return fail('HAS_INCORRECT_STATUS')
    if (!TRACK_RE.test(tracking_number)) return fail('INVALID_TRACKING_NUMBER')
    p.tracking_number = tracking_number
    return { posting_number, result: true, error: '' }
  })
  return { result }
}

interface Move {
  from: (p: SbPosting) => boolean
  apply: (p: SbPosting, c: Call) => void
}

function statusMove(message: string, move: Move): Route {
  return (c) => {
    const b = new BodyReader(c.body, message)
    const numbers = b.strings('posting_number', { required: true, max: 100 })
    const stamp = c.now.toISOString()
    const result: ItemResult[] = numbers.map((n) => {
      const p = c.acc.postings[n]
      if (!p) return { posting_number: n, result: false, error: 'POSTING_NOT_FOUND' }
      if (p.tpl_integration_type !== 'non_integrated') return { posting_number: n, result: false, error: 'HAS_INCORRECT_TPL_INTEGRATION_TYPE' }
      if (!move.from(p)) return { posting_number: n, result: false, error: 'TRANSITION_IS_NOT_POSSIBLE' }
      p.previous_substatus = p.substatus
      move.apply(p, c)
      p.last_changed_status_date = stamp
      return { posting_number: n, result: true, error: '' }
    })
    return { result }
  }
}

export const deliveringV2 = statusMove('FbsPostingDeliveringRequest', {
  from: (p) => p.status === 'awaiting_deliver',
  apply: (p, c) => {
    p.status = 'delivering'
    p.substatus = 'posting_in_courier_service'
    p.delivering_date = c.now.toISOString()
  },
})

export const lastMileV2 = statusMove('FbsPostingLastMileRequest', {
  from: (p) => p.status === 'delivering' && p.substatus !== 'posting_transferred_to_courier_service',
  apply: (p) => {
    p.substatus = 'posting_transferred_to_courier_service'
  },
})

export const deliveredV2 = statusMove('FbsPostingDeliveredRequest', {
  from: (p) => p.status === 'delivering',
  apply: (p, c) => {
    p.status = 'delivered'
    p.substatus = 'posting_conditionally_delivered'
    p.fact_delivery_date = c.now.toISOString()
  },
})
