// <dataDir>/tracking.json: this station's tracking number per package (what was typed, where it stands at Ozon,
// every change with who/why) and the per-carrier format rules. The numbers themselves travel to Ozon through the
// operation journal (kind `tracking`); a record points at the journal entry that carries its current number.
import { z } from 'zod'
import { TrackingChange } from '../../../shared/contract/tracking'
import { TrackingRule } from '../../../shared/domain/tracking-rules'
import type { DocumentSpec } from '../../store'

export const TrackingRecord = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  trackingNumber: z.string(),
  /** waiting: in the journal, not yet sent; sending: a call with it is under way; accepted / rejected: Ozon's answer. */
  state: z.enum(['waiting', 'sending', 'accepted', 'rejected']),
  /** Ozon's reason for a rejection (code as Ozon says it, message in words). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** The open journal entry that carries the current number (null once Ozon answered). */
  journalId: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  enteredAt: z.string(),
  acceptedAt: z.string().nullable(),
  /** Every change, oldest first (kept to the last 50). */
  history: z.array(TrackingChange),
})
export type TrackingRecord = z.infer<typeof TrackingRecord>

export const TrackingData = z.object({
  /** Keyed by postingKey(accountId, postingNumber). */
  records: z.record(z.string(), TrackingRecord),
  /** null: the default rules (they improve with the station); a list once a person changed them. */
  rules: z.array(TrackingRule).nullable(),
  /** Ozon could not be reached with waiting numbers since…; null once a call went through. */
  offline: z.object({ since: z.string(), message: z.string() }).nullable(),
})
export type TrackingData = z.infer<typeof TrackingData>

export const trackingDocument: DocumentSpec<TrackingData> = {
  name: 'tracking',
  version: 1,
  schema: TrackingData,
  defaults: () => ({ records: {}, rules: null, offline: null }),
}

export const HISTORY_LIMIT = 50
