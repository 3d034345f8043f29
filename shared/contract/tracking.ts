// Tracking numbers over the contract: the packer scans or types a package's number, the station checks it against
// the carrier's format rule and every other posting's number, keeps it in the operation journal and sends it to
// Ozon in batches of at most 20; the view of packed packages still missing one (or not yet accepted) blocks their
// dispatch. Format rules per carrier are settings of this area.
import { z } from 'zod'
import { TrackingRule, TrackingRules } from '../domain/tracking-rules'
import { method } from './define'

const PostingRef = {
  postingNumber: z.string().trim().min(1, 'give the posting number'),
  /** The Ozon account of the posting; may be left out when the number is unique among the accounts. */
  accountId: z.string().min(1).optional(),
}

export const TrackingStateName = z.enum(['missing', 'waiting', 'accepted', 'rejected', 'not_needed'])

export const TrackingChange = z.object({
  at: z.string(),
  operator: z.string(),
  bench: z.string(),
  /** set: first number; fix: replaces one Ozon rejected; edit: replaces one already accepted or waiting (reason given); retry: sent again unchanged. */
  kind: z.enum(['set', 'fix', 'edit', 'retry']),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
})
export type TrackingChange = z.infer<typeof TrackingChange>

/** One packed package on the tracking screen. */
export const TrackingRow = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  orderNumber: z.string(),
  status: z.string(),
  carrier: z.object({ id: z.string(), name: z.string() }),
  deliveryMethod: z.string(),
  integrationType: z.string(),
  need: z.enum(['required', 'optional', 'none']),
  state: TrackingStateName,
  trackingNumber: z.string(),
  /** Ozon's reason when it rejected the number. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Why this package cannot be handed over yet ('' when it can, as far as tracking goes). */
  blocked: z.string(),
  /** The format rule of the carrier (id and name), for hints. */
  rule: z.object({ id: z.string(), label: z.string(), example: z.string() }),
  /** The barcodes of Ozon's label on the package: a scan of one of them picks this package. */
  labelCodes: z.array(z.string()),
  /** Times Ozon was asked with this number. */
  attempts: z.number().int(),
  enteredAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  history: z.array(TrackingChange),
})
export type TrackingRow = z.infer<typeof TrackingRow>

export const TrackingList = z.object({
  rows: z.array(TrackingRow),
  total: z.number().int(),
  counts: z.object({ missing: z.number().int(), waiting: z.number().int(), rejected: z.number().int(), accepted: z.number().int() }),
  /** Numbers waiting in the journal for Ozon (offline or about to go). */
  queued: z.number().int(),
  /** When the station last failed to reach Ozon with waiting numbers, and why ('' = fine). */
  offline: z.object({ since: z.string(), message: z.string() }).nullable(),
})
export type TrackingList = z.infer<typeof TrackingList>

export const TrackingListArgs = z.object({
  /** attention: missing, waiting or rejected (what blocks dispatch); all: every packed package that takes a number. */
  show: z.enum(['attention', 'all']).default('attention'),
  /** A posting, order or tracking number (part of it). */
  search: z.string().trim().max(100).default(''),
  carrierId: z.string().optional(),
  limit: z.number().int().positive().max(2000).default(500),
})

/** What a check of a number says before anything is saved. */
export const TrackingCheckResult = z.object({
  ok: z.boolean(),
  /** The number as it would be sent (no spaces, upper case, Latin letters). */
  value: z.string(),
  rule: z.object({ id: z.string(), label: z.string(), example: z.string() }),
  /** empty | too_short | too_long | bad_chars | pattern | duplicate | not_trackable | not_packed | reason_required | handed_over | read_only (the posting's account was removed or waits for its key) */
  problem: z.string().nullable(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** Replacing an accepted or waiting number needs a reason. */
  needsReason: z.boolean(),
})
export type TrackingCheckResult = z.infer<typeof TrackingCheckResult>

export const TrackingEntry = z.object({
  ...PostingRef,
  trackingNumber: z.string().max(200, 'a tracking number is at most 200 characters'),
  /** Required when it replaces a number Ozon accepted or one already waiting. */
  reason: z.string().trim().max(300).optional(),
})
export type TrackingEntry = z.infer<typeof TrackingEntry>

export const TrackingSetResult = z.object({
  results: z.array(
    z.object({
      postingNumber: z.string(),
      ok: z.boolean(),
      check: TrackingCheckResult,
      row: TrackingRow.nullable(),
    }),
  ),
})
export type TrackingSetResult = z.infer<typeof TrackingSetResult>

export const trackingMethods = {
  'tracking.list': method(
    'Packed packages whose delivery takes a tracking number, with where each number stands; default: only those that block dispatch.',
    TrackingListArgs,
    TrackingList,
  ),
  'tracking.get': method('One package’s tracking number, state and change history.', z.object(PostingRef), TrackingRow),
  'tracking.check': method(
    'Check a scanned or typed number against the carrier’s rule and every other posting’s number, without saving it.',
    z.object({ ...PostingRef, trackingNumber: z.string().max(200) }),
    TrackingCheckResult,
  ),
  'tracking.set': method(
    'Record tracking numbers (1–200). Each is checked, written to the operation journal and sent to Ozon in batches of at most 20; refused entries say why.',
    z.object({ entries: z.array(TrackingEntry).min(1, 'give at least one number').max(200, 'at most 200 numbers at once') }),
    TrackingSetResult,
  ),
  'tracking.retry': method(
    'Send waiting numbers now; with postingNumbers, also send numbers Ozon rejected again unchanged (after the cause was fixed at Ozon).',
    z.object({ postingNumbers: z.array(z.string().trim().min(1)).max(500).optional() }),
    TrackingList,
  ),
  'tracking.rules': method('The per-carrier format rules in use, and the defaults.', z.object({}), z.object({ rules: z.array(TrackingRule), defaults: z.array(TrackingRule) })),
  'tracking.setRules': method('Replace the per-carrier format rules (a rule with id "generic" must stay).', z.object({ rules: TrackingRules }), z.object({ rules: z.array(TrackingRule), defaults: z.array(TrackingRule) })),
}

export const TrackingChanged = z.object({
  postingNumbers: z.array(z.string()),
  /** set: numbers recorded; sent: Ozon answered; offline: Ozon could not be reached (numbers wait); rules: format rules changed. */
  reason: z.enum(['set', 'sent', 'offline', 'rules']),
})

export const trackingEvents = {
  'tracking.changed': TrackingChanged,
}
