// Packing: open a posting, verify its units by scanning, split it into packages, "Package the order" (a journaled
// ship at Ozon), and tell the other areas when a posting was packed (`packing.shipped` — labels and printing
// hook onto it). Every method answers with the whole session so the screen never has to guess.
import { z } from 'zod'
import { PackingPlan } from '../domain/packing-plan'
import { Posting } from '../domain/posting'
import { method } from './define'

const PostingRef = {
  postingNumber: z.string().trim().min(1),
  /** The Ozon account the posting belongs to; may be left out when the station has one account. */
  accountId: z.string().min(1).optional(),
}

export const PackingProduct = z.object({
  sku: z.number().int(),
  offerId: z.string(),
  name: z.string(),
  /** The seller's EAN(s) and Ozon's `OZN<sku>` from the product card, for scan-to-verify. */
  barcodes: z.array(z.string()),
  image: z.string().nullable(),
})
export type PackingProduct = z.infer<typeof PackingProduct>

export const PlanViolation = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
})
export type PlanViolationInfo = z.infer<typeof PlanViolation>

export const PackingState = z.enum(['draft', 'shipping', 'packed', 'failed'])
export type PackingState = z.infer<typeof PackingState>

export const PackedItem = z.object({ sku: z.number().int(), offerId: z.string(), name: z.string(), quantity: z.number().int().positive() })

export const PackedPackage = z.object({
  /** 1-based package number on the bench. */
  index: z.number().int().positive(),
  /** How many packages the order was split into. */
  count: z.number().int().positive(),
  /** The posting Ozon made of this package — taken from Ozon's answer, never derived. */
  postingNumber: z.string(),
  status: z.string(),
  items: z.array(PackedItem),
})
export type PackedPackage = z.infer<typeof PackedPackage>

export const PackingResult = z.object({
  packedAt: z.string(),
  packages: z.array(PackedPackage),
  /** Ship calls this station sent for the result (0: Ozon already had it packed with this plan). */
  shipCalls: z.number().int().nonnegative(),
  /** Packed earlier — before a restart, or by another bench — rather than by the last button press. */
  resumed: z.boolean(),
  /** Ozon had it packed with a different plan (the seller cabinet or another bench): shown as Ozon has it. */
  packedElsewhere: z.boolean(),
})
export type PackingResult = z.infer<typeof PackingResult>

export const MarksStatusValue = z.enum(['not_needed', 'incomplete', 'sending', 'validation_in_process', 'ship_available', 'ship_not_available', 'failed'])
export type MarksStatusValue = z.infer<typeof MarksStatusValue>

export const MarksState = z.object({
  status: MarksStatusValue,
  /** Codes Ozon did not accept, with its error codes. */
  rejected: z.array(z.object({ sku: z.number().int(), code: z.string(), errors: z.array(z.string()) })),
  checkedAt: z.string().nullable(),
  /** Why sending failed (network, Ozon refusal) — the packer can retry by scanning or pressing Package. */
  message: z.string().nullable(),
})
export type MarksState = z.infer<typeof MarksState>

export const ShipOperation = z.object({
  state: z.string(), // intent → called → confirmed | failed
  attempts: z.number().int().nonnegative(),
  startedAt: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
})

export const PackingSession = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  posting: Posting,
  products: z.array(PackingProduct),
  plan: PackingPlan,
  state: PackingState,
  check: z.object({ errors: z.array(PlanViolation), warnings: z.array(PlanViolation) }),
  /** Bench settings the screen follows. */
  verification: z.enum(['required', 'advisory']),
  /** The warehouse's time zone: deadlines are judged there. */
  timeZone: z.string(),
  sounds: z.object({ enabled: z.boolean(), volume: z.number() }),
  /** The character the bench's scanner types instead of GS (0x1D) in DataMatrix codes. */
  gsStandIn: z.string(),
  marks: MarksState,
  operation: ShipOperation.nullable(),
  result: PackingResult.nullable(),
  /** Last failure of "Package the order", in words. */
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Ozon could not be reached when the posting was opened: the data is from `posting.syncedAt`. */
  stale: z.boolean(),
  updatedAt: z.string(),
})
export type PackingSession = z.infer<typeof PackingSession>

export const ScanOutcomeKind = z.enum([
  'unit', // one unit verified
  'mark', // a marking code recorded (and its unit verified)
  'open_posting', // the code is a posting number / Ozon label: open that posting
  'same_posting', // the open posting's own number or label
  'wrong_item', // a product, or a marking code, of something not in this posting
  'already_complete', // every unit of that item is already verified
  'marks_complete', // every marking code of that item is already scanned
  'duplicate_mark', // this marking code was scanned before
  'bad_mark', // looks like a marking code but is not a valid one (e.g. GS lost)
  'unknown', // nothing known by this code
])
export type ScanOutcomeKind = z.infer<typeof ScanOutcomeKind>

export const ExpectedItem = z.object({ sku: z.number().int(), offerId: z.string(), name: z.string(), remaining: z.number().int() })

export const ScanOutcome = z.object({
  ok: z.boolean(),
  kind: ScanOutcomeKind,
  /** What was scanned, as shown to the packer (GS shown as ␝). */
  code: z.string(),
  sku: z.number().int().optional(),
  offerId: z.string().optional(),
  name: z.string().optional(),
  /** The package (0-based) the verified unit is in. */
  packageIndex: z.number().int().optional(),
  /** What the bench still expects, for the banner of a wrong scan. */
  expected: z.array(ExpectedItem),
  /** bad_mark: what is wrong with the code (not_a_mark, bad_gtin, bad_serial, gs_missing). */
  problem: z.string().optional(),
  /** The posting to open when kind is open_posting. */
  openPostingNumber: z.string().optional(),
  message: z.string(),
})
export type ScanOutcome = z.infer<typeof ScanOutcome>

export const ScanResult = z.object({ outcome: ScanOutcome, session: PackingSession })

export const DraftSummary = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  state: PackingState,
  units: z.number().int(),
  verified: z.number().int(),
  packages: z.number().int(),
  updatedAt: z.string(),
})
export type DraftSummary = z.infer<typeof DraftSummary>

const OpenArgs = z
  .object({
    postingNumber: z.string().trim().min(1).optional(),
    /** A scanned code: a posting number or a barcode of an Ozon label. */
    code: z.string().trim().min(1).optional(),
    accountId: z.string().min(1).optional(),
  })
  .refine((a) => a.postingNumber !== undefined || a.code !== undefined, { message: 'give postingNumber or code', path: ['postingNumber'] })

const PackageTarget = z.union([z.number().int().nonnegative(), z.literal('new')])

export const packingMethods = {
  'packing.open': method('Open a posting for packing (fresh from Ozon; the saved draft plan is restored).', OpenArgs, PackingSession),
  'packing.get': method('The saved packing session of a posting, without asking Ozon.', z.object(PostingRef), PackingSession),
  'packing.drafts': method('Postings with a packing draft on this bench, newest first.', z.object({}), z.array(DraftSummary)),
  'packing.scan': method(
    'A scanned code on the packing screen: verify a unit, record a marking code, or name the posting to open.',
    z.object({ ...PostingRef, code: z.string().min(1).max(500), selectedSku: z.number().int().nullable().optional() }),
    ScanResult,
  ),
  'packing.manualCount': method(
    'Count one unit as verified by hand (unreadable barcode); recorded as manual.',
    z.object({ ...PostingRef, sku: z.number().int() }),
    PackingSession,
  ),
  'packing.move': method(
    'Move units of one item from one package to another, or to a new package.',
    z.object({ ...PostingRef, sku: z.number().int(), from: z.number().int().nonnegative(), to: PackageTarget, quantity: z.number().int().positive() }),
    PackingSession,
  ),
  'packing.newPackage': method('Start a new, empty package; scans go into it.', z.object(PostingRef), PackingSession),
  'packing.setActive': method(
    'Choose the package scans go into (null: verify units where they lie).',
    z.object({ ...PostingRef, index: z.number().int().nonnegative().nullable() }),
    PackingSession,
  ),
  'packing.setMultiBoxQty': method(
    'Number of boxes of a multi-box posting.',
    z.object({ ...PostingRef, boxes: z.number().int().min(1).max(1000).nullable() }),
    PackingSession,
  ),
  'packing.removeMark': method(
    'Forget one scanned marking code (to rescan a rejected one).',
    z.object({ ...PostingRef, sku: z.number().int(), code: z.string().min(1) }),
    PackingSession,
  ),
  'packing.reset': method('Start the packing plan of a posting again (one package, nothing verified).', z.object(PostingRef), PackingSession),
  'packing.ship': method(
    '"Package the order": validate the plan again, then ship it at Ozon through the operation journal; answers when Ozon confirmed or refused.',
    z.object(PostingRef),
    PackingSession,
  ),
}

export const PackingShipped = z.object({
  /**
   * The journaled operation. The event is sent at least once: a station that stops between sending it and
   * closing the operation sends it again after the restart — consumers (labels, printing) dedupe by this id.
   */
  operationId: z.string(),
  accountId: z.string(),
  /** The posting as it was opened. */
  postingNumber: z.string(),
  orderNumber: z.string(),
  packedAt: z.string(),
  operator: z.string(),
  bench: z.string(),
  /** One entry per package, with the posting Ozon made of it — what labels are printed for. */
  packages: z.array(PackedPackage),
})
export type PackingShipped = z.infer<typeof PackingShipped>

export const PackingProgress = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  stage: z.enum(['intent', 'called', 'replied', 'confirmed', 'failed', 'waiting']),
  message: z.string().optional(),
})

export const PackingChanged = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  state: PackingState,
  /** What changed: the plan (a scan, a move…), Ozon's verdict on the marking codes, or the ship operation. */
  what: z.enum(['plan', 'marks', 'ship']),
})

export const packingEvents = {
  /** A posting was packed at Ozon (also after a resumed operation). Labels and printing start from here. */
  'packing.shipped': PackingShipped,
  /** Steps of "Package the order". */
  'packing.progress': PackingProgress,
  /** A packing draft changed (another window, the marking-code check, a resumed operation). */
  'packing.changed': PackingChanged,
}
