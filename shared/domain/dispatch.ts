// Hand-over rules: what may go into a dispatch batch and what must be true before it is closed. A batch is one
// carrier's pick-up: one delivery method (which fixes the carrier and the warehouse) on one departure day. Every
// scanned package is checked — right carrier and warehouse, packed, not cancelled, tracking number accepted where
// one is needed, not in another batch — and refused with a specific reason otherwise. Pure: the core gathers
// the facts, this decides.
import type { Posting } from './posting'
import { trackingBlock, type TrackingBlockCode, type TrackingStatus } from './tracking'

/** What a batch is for. */
export interface BatchScope {
  accountId: string
  carrier: { id: string; name: string }
  warehouse: { id: string; name: string }
  deliveryMethod: { id: string; name: string }
}

export type ScanRefusal =
  | 'duplicate' // already scanned into this batch
  | 'cancelled'
  | 'wrong_account' // another Ozon shop's parcel
  | 'wrong_carrier'
  | 'wrong_warehouse'
  | 'wrong_delivery_method' // same carrier and warehouse, another delivery method (another carriage)
  | 'not_packed'
  | 'not_registered' // packed, the carrier has not registered it yet (rFBS aggregator)
  | 'already_handed_over'
  | 'wrong_status' // arbitration and the like: not for a courier
  | 'in_other_batch'
  | TrackingBlockCode

export interface Refusal {
  code: ScanRefusal
  /** English, for logs and API clients; the UI words it from `code` + `params`. */
  message: string
  params: Record<string, string | number>
}

/** Statuses before packing is finished. */
const NOT_PACKED = new Set(['awaiting_verification', 'awaiting_approve', 'acceptance_in_progress', 'awaiting_packaging'])
const HANDED_OVER = new Set(['driver_pickup', 'delivering', 'delivered', 'sent_by_seller'])
export const CANCELLED = new Set(['cancelled', 'cancelled_from_split_pending'])

export interface ScanFacts {
  scope: BatchScope
  posting: Posting
  tracking: TrackingStatus
  /** Already in this batch. */
  inThisBatch: boolean
  /** The other batch holding it (open or closed), or null. */
  otherBatch: { id: string; label: string } | null
}

/** Checks one scanned package against a batch; null = it may go in. */
export function refuseScan(f: ScanFacts): Refusal | null {
  const p = f.posting
  const n = p.postingNumber
  const r = (code: ScanRefusal, message: string, params: Record<string, string | number> = {}): Refusal => ({ code, message, params: { postingNumber: n, ...params } })
  if (f.inThisBatch) return r('duplicate', `${n} is already in this batch — scanned twice`)
  if (CANCELLED.has(p.status)) return r('cancelled', `${n} is CANCELLED${p.cancellation?.reason ? ` (${p.cancellation.reason})` : ''} — take it out, do not hand it over`, { reason: p.cancellation?.reason ?? '' })
  if (p.accountId !== f.scope.accountId) return r('wrong_account', `${n} belongs to another Ozon shop — put it aside`)
  if (p.carrier.id !== f.scope.carrier.id || (p.carrier.id === '' && p.carrier.name !== f.scope.carrier.name)) {
    return r('wrong_carrier', `${n} goes with ${p.carrier.name || 'another carrier'}, not ${f.scope.carrier.name} — put it aside`, { carrier: p.carrier.name, expected: f.scope.carrier.name })
  }
  if (p.warehouse.id !== f.scope.warehouse.id) {
    return r('wrong_warehouse', `${n} ships from ${p.warehouse.name}, not ${f.scope.warehouse.name}`, { warehouse: p.warehouse.name, expected: f.scope.warehouse.name })
  }
  if (p.deliveryMethod.id !== f.scope.deliveryMethod.id) {
    return r('wrong_delivery_method', `${n} is for "${p.deliveryMethod.name}", this batch is "${f.scope.deliveryMethod.name}"`, { method: p.deliveryMethod.name, expected: f.scope.deliveryMethod.name })
  }
  if (NOT_PACKED.has(p.status)) return r('not_packed', `${n} is not packed yet — package the order first`, { status: p.status })
  if (p.status === 'awaiting_registration') return r('not_registered', `${n} is not registered with the carrier yet — wait for Ozon`, { status: p.status })
  if (HANDED_OVER.has(p.status)) return r('already_handed_over', `${n} was already handed over (${p.status})`, { status: p.status })
  if (p.status !== 'awaiting_deliver') return r('wrong_status', `${n} has status ${p.status} and cannot be handed over`, { status: p.status })
  if (f.otherBatch) return r('in_other_batch', `${n} is already in batch ${f.otherBatch.label}`, { batch: f.otherBatch.label })
  const block = trackingBlock(f.tracking)
  if (block) return r(block.code, `${n}: ${block.message}`, { trackingNumber: f.tracking.trackingNumber, reason: f.tracking.error?.message || f.tracking.error?.code || '' })
  return null
}

export type CloseBlockCode = 'empty' | 'incomplete_split' | 'stale' | ScanRefusal

export interface CloseBlocker {
  code: CloseBlockCode
  postingNumber: string | null
  message: string
  params: Record<string, string | number>
  /** A person may close anyway by confirming with a reason (incomplete split, data that could not be re-checked). */
  overridable: boolean
}

export interface ClosePackage {
  posting: Posting
  tracking: TrackingStatus
  /** The posting could not be read again from Ozon although its data is old. */
  stale: boolean
}

/**
 * Everything that stops a batch from being closed. Each package is checked again as at scan time (Ozon may have
 * cancelled it meanwhile); a split order with packages missing, or data Ozon could not confirm, can be overridden.
 */
export function closeBlockers(
  scope: BatchScope,
  packages: readonly ClosePackage[],
  splits: readonly { original: string; orderNumber: string; scanned: number; total: number; missing: string[] }[],
): CloseBlocker[] {
  if (packages.length === 0) return [{ code: 'empty', postingNumber: null, message: 'Nothing is scanned into this batch', params: {}, overridable: false }]
  const out: CloseBlocker[] = []
  for (const pkg of packages) {
    const refusal = refuseScan({ scope, posting: pkg.posting, tracking: pkg.tracking, inThisBatch: false, otherBatch: null })
    if (refusal) out.push({ code: refusal.code, postingNumber: pkg.posting.postingNumber, message: refusal.message, params: refusal.params, overridable: false })
    else if (pkg.stale) {
      out.push({
        code: 'stale',
        postingNumber: pkg.posting.postingNumber,
        message: `${pkg.posting.postingNumber} could not be checked with Ozon (last seen ${pkg.posting.syncedAt})`,
        params: { postingNumber: pkg.posting.postingNumber, syncedAt: pkg.posting.syncedAt },
        overridable: true,
      })
    }
  }
  for (const s of splits) {
    if (s.scanned >= s.total) continue
    out.push({
      code: 'incomplete_split',
      postingNumber: s.original,
      message: `Order ${s.orderNumber || s.original}: ${s.scanned} of ${s.total} packages scanned — missing ${s.missing.join(', ')}`,
      params: { orderNumber: s.orderNumber || s.original, scanned: s.scanned, total: s.total, missing: s.missing.join(', ') },
      overridable: true,
    })
  }
  return out
}

/** How old posting data may be at close before it is read again from Ozon. */
export const RECHECK_AFTER_MS = 5 * 60_000

export function needsRecheck(posting: Pick<Posting, 'syncedAt'>, now: number, maxAgeMs = RECHECK_AFTER_MS): boolean {
  const at = Date.parse(posting.syncedAt)
  return Number.isNaN(at) || now - at > maxAgeMs
}

/** The label of a batch people say aloud: departure day and its number that day ("2026-06-02 №3"). */
export function batchLabel(b: { departureDate: string; seq: number }): string {
  return `${b.departureDate} №${b.seq}`
}

/** What happens at Ozon when a batch is closed, by delivery scheme. */
export type HandoverKind = 'carriage' | 'delivering' | 'none'

export function handoverKindOf(integrationType: string): HandoverKind {
  if (integrationType === 'ozon') return 'carriage'
  if (integrationType === 'non_integrated') return 'delivering'
  return 'none'
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/

export function isLocalDate(text: string): boolean {
  if (!LOCAL_DATE.test(text)) return false
  const d = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text
}
