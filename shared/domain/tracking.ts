// Tracking numbers in the packer's world: which packages need one, where each one stands (missing, waiting to be
// sent, accepted or rejected by Ozon), when a change needs a reason, which number is a duplicate, and how waiting
// numbers are cut into Ozon's batches of at most 20. Pure: the core stores and sends, this decides.
import type { Posting } from './posting'

/** required: the seller registers the parcel with the carrier (`3pl_tracking`); optional: the seller's own courier may have one. */
export type TrackingNeed = 'required' | 'optional' | 'none'

export function trackingNeed(p: Pick<Posting, 'integrationType' | 'availableActions'>): TrackingNeed {
  if (p.integrationType === '3pl_tracking') return 'required'
  if (p.integrationType === 'ozon' || p.integrationType === 'aggregator') return 'none'
  if (p.integrationType === 'non_integrated' || p.availableActions.includes('set_track_number')) return 'optional'
  return 'none'
}

/**
 * Where a package's tracking number stands:
 *  missing   none typed yet (and Ozon has none);
 *  waiting   typed, durably recorded, not yet confirmed by Ozon (offline, or about to be sent);
 *  accepted  Ozon took it (or Ozon already had a number set elsewhere);
 *  rejected  Ozon refused it — its reason is shown, the packer fixes the number or retries;
 *  not_needed the delivery scheme has no tracking number from the seller.
 */
export type TrackingState = 'missing' | 'waiting' | 'accepted' | 'rejected' | 'not_needed'

/** The station's record of one posting's number (what the tracking document stores), as far as rules need it. */
export interface TrackingRecordLike {
  trackingNumber: string
  state: 'waiting' | 'sending' | 'accepted' | 'rejected'
  error: { code: string; message: string } | null
}

export interface TrackingStatus {
  need: TrackingNeed
  state: TrackingState
  /** The number the station or Ozon has ('' when none). */
  trackingNumber: string
  /** Ozon's reason when rejected. */
  error: { code: string; message: string } | null
  /** Where the number comes from: typed at this station, or already at Ozon (seller cabinet, another bench). */
  source: 'station' | 'ozon' | null
}

export function trackingStatusOf(posting: Pick<Posting, 'integrationType' | 'availableActions' | 'trackingNumber'>, record: TrackingRecordLike | null): TrackingStatus {
  const need = trackingNeed(posting)
  if (record) {
    const state: TrackingState = record.state === 'sending' ? 'waiting' : record.state
    return { need, state, trackingNumber: record.trackingNumber, error: record.state === 'rejected' ? record.error : null, source: 'station' }
  }
  if (posting.trackingNumber !== '') return { need, state: 'accepted', trackingNumber: posting.trackingNumber, error: null, source: 'ozon' }
  return { need, state: need === 'none' ? 'not_needed' : 'missing', trackingNumber: '', error: null, source: null }
}

export type TrackingBlockCode = 'tracking_missing' | 'tracking_waiting' | 'tracking_rejected'

/**
 * Why this package may not be handed over yet, or null. A required number must be accepted by Ozon; an optional
 * one that was typed must be accepted too (a courier's number Ozon refused is a number the buyer cannot follow).
 */
export function trackingBlock(status: TrackingStatus): { code: TrackingBlockCode; message: string } | null {
  if (status.need === 'none') return null
  if (status.state === 'rejected') {
    return { code: 'tracking_rejected', message: `Ozon refused the tracking number ${status.trackingNumber}: ${status.error?.message || status.error?.code || 'no reason given'} — fix it on the tracking screen` }
  }
  if (status.state === 'waiting') return { code: 'tracking_waiting', message: `The tracking number ${status.trackingNumber} is not yet accepted by Ozon — it is sent as soon as Ozon answers` }
  if (status.state === 'missing' && status.need === 'required') return { code: 'tracking_missing', message: 'No tracking number yet — scan the carrier barcode on the tracking screen' }
  return null
}

/**
 * Does changing the number need a reason? Replacing a number Ozon accepted (or one already on its way) does —
 * it is audited. Fixing a number Ozon rejected, or typing the first one, does not.
 */
export function changeNeedsReason(current: TrackingStatus, next: string): boolean {
  if (current.trackingNumber === '' || current.trackingNumber === next) return false
  return current.state === 'accepted' || current.state === 'waiting'
}

export interface NumberHolder {
  accountId: string
  postingNumber: string
  trackingNumber: string
}

/** Another posting that already carries this number (a carrier's number identifies one parcel), or null. */
export function findDuplicate(value: string, self: { accountId: string; postingNumber: string }, holders: Iterable<NumberHolder>): NumberHolder | null {
  if (value === '') return null
  for (const h of holders) {
    if (h.trackingNumber !== value) continue
    if (h.accountId === self.accountId && h.postingNumber === self.postingNumber) continue
    return h
  }
  return null
}

/** Ozon takes at most this many pairs per call (§8.1). */
export const TRACKING_BATCH_SIZE = 20

export interface PendingNumber {
  /** Journal entry id. */
  id: string
  accountId: string
  postingNumber: string
  trackingNumber: string
  createdAt: string
}

export interface TrackingPlan {
  /** Calls to make, oldest numbers first, each ≤ TRACKING_BATCH_SIZE pairs of one account. */
  batches: { accountId: string; entries: PendingNumber[] }[]
  /** Older numbers of a posting replaced by a newer one before they were sent: closed without sending. */
  superseded: PendingNumber[]
}

/** Cuts waiting numbers into Ozon calls: only the newest number of each posting goes, oldest first, per account. */
export function planTrackingBatches(pending: readonly PendingNumber[], size = TRACKING_BATCH_SIZE): TrackingPlan {
  if (!Number.isInteger(size) || size < 1 || size > TRACKING_BATCH_SIZE) throw new RangeError(`batch size must be 1..${TRACKING_BATCH_SIZE}, got ${size}`)
  const ordered = [...pending].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  const newest = new Map<string, PendingNumber>()
  for (const p of ordered) newest.set(`${p.accountId}/${p.postingNumber}`, p)
  const keep = new Set(newest.values())
  const superseded = ordered.filter((p) => !keep.has(p))
  const byAccount = new Map<string, PendingNumber[]>()
  for (const p of ordered) {
    if (!keep.has(p)) continue
    const list = byAccount.get(p.accountId) ?? []
    list.push(p)
    byAccount.set(p.accountId, list)
  }
  const batches: TrackingPlan['batches'] = []
  for (const [accountId, list] of byAccount) {
    for (let i = 0; i < list.length; i += size) batches.push({ accountId, entries: list.slice(i, i + size) })
  }
  return { batches, superseded }
}
