// Dispatch (hand-over) over the contract: a batch per delivery method (carrier + warehouse) and departure day, the
// packer scans packages into it, every scan is checked, closing records who handed what to whom and makes the
// hand-over manifest; for Ozon logistics the carriage and its documents, for the seller's own delivery the move to
// "delivering". History is searchable by posting or tracking number; any manifest can be printed again.
import { z } from 'zod'
import { method } from './define'

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-06-02')
const BatchRef = { batchId: z.string().min(1, 'give the batch id') }
export const ManifestLanguage = z.enum(['ru', 'en'])

export const BatchPackage = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  orderNumber: z.string(),
  trackingNumber: z.string(),
  /** Units in the package. */
  units: z.number().int(),
  /** 'label': our bag label or the posting number; 'ozon_label': a barcode of Ozon's label; 'tracking': the carrier's number. */
  via: z.enum(['posting', 'ozon_label', 'tracking', 'manual']),
  scannedAt: z.string(),
  operator: z.string(),
})
export type BatchPackage = z.infer<typeof BatchPackage>

export const SplitInfo = z.object({
  original: z.string(),
  orderNumber: z.string(),
  scanned: z.number().int(),
  total: z.number().int(),
  complete: z.boolean(),
  missing: z.array(z.string()),
})
export type SplitInfo = z.infer<typeof SplitInfo>

export const Blocker = z.object({
  code: z.string(),
  postingNumber: z.string().nullable(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  overridable: z.boolean(),
})
export type Blocker = z.infer<typeof Blocker>

export const HandoverState = z.object({
  /** carriage: Ozon logistics; delivering: own delivery moved to "delivering"; none: the manifest is the hand-over. */
  kind: z.enum(['carriage', 'delivering', 'none']),
  /** pending → working → done; waiting: Ozon unreachable, retried by itself; failed: Ozon refused (message says why). */
  state: z.enum(['pending', 'working', 'waiting', 'done', 'failed']),
  message: z.string(),
  carriageId: z.string().nullable(),
  /** Ozon's act status (in_process, ready, …) once approved. */
  actStatus: z.string().nullable(),
  /** Postings Ozon put on this carriage's documents (hand over today). */
  addedToAct: z.array(z.string()),
  /** Postings Ozon moved to the next carriage. */
  nextCarriage: z.array(z.string()),
  /** In Ozon's carriage but not scanned into the batch: find them or expect a mismatch at the sort centre. */
  notScanned: z.array(z.string()),
  hasActPdf: z.boolean(),
  /** Own delivery: per posting, the last status step Ozon confirmed, or its refusal. */
  moves: z.array(z.object({ postingNumber: z.string(), step: z.enum(['delivering', 'last_mile', 'delivered']), ok: z.boolean(), error: z.string() })),
})
export type HandoverState = z.infer<typeof HandoverState>

export const BatchSummary = z.object({
  id: z.string(),
  label: z.string(),
  accountId: z.string(),
  carrier: z.object({ id: z.string(), name: z.string() }),
  deliveryMethod: z.object({ id: z.string(), name: z.string() }),
  warehouse: z.object({ id: z.string(), name: z.string() }),
  integrationType: z.string(),
  departureDate: z.string(),
  state: z.enum(['open', 'closed', 'discarded']),
  packages: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  courierName: z.string(),
  handover: HandoverState.nullable(),
})
export type BatchSummary = z.infer<typeof BatchSummary>

export const BatchView = BatchSummary.extend({
  packageList: z.array(BatchPackage),
  /** Split orders touched by this batch, with how many of their packages are in it. */
  splits: z.array(SplitInfo),
  /** Packed postings of this delivery method not yet in any batch: what the courier may still be missing. */
  expected: z.array(z.object({ postingNumber: z.string(), orderNumber: z.string(), blocked: z.string() })),
  /** What stops closing now (open batches). */
  blockers: z.array(Blocker),
  manifest: z.object({ language: ManifestLanguage, generatedAt: z.string(), copies: z.number().int() }).nullable(),
  closeNote: z.string(),
})
export type BatchView = z.infer<typeof BatchView>

export const DispatchScanOutcome = z.object({
  ok: z.boolean(),
  /** added, or the refusal: duplicate, cancelled, wrong_carrier, wrong_warehouse, wrong_delivery_method, not_packed, in_other_batch, tracking_missing, …, unknown */
  code: z.string(),
  /** What was scanned, as looked up (spaces removed). */
  scanned: z.string(),
  postingNumber: z.string().nullable(),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The split order the package belongs to, when it has more than one package. */
  split: SplitInfo.nullable(),
})
export type DispatchScanOutcome = z.infer<typeof DispatchScanOutcome>

export const DispatchOption = z.object({
  accountId: z.string(),
  deliveryMethod: z.object({ id: z.string(), name: z.string() }),
  carrier: z.object({ id: z.string(), name: z.string() }),
  warehouse: z.object({ id: z.string(), name: z.string() }),
  integrationType: z.string(),
  /** Packed postings of this method not yet in a batch. */
  ready: z.number().int(),
  /** Of those, blocked by their tracking number. */
  blocked: z.number().int(),
  /** The open batch for today (or the given day), if any. */
  openBatchId: z.string().nullable(),
})
export type DispatchOption = z.infer<typeof DispatchOption>

export const DispatchDocument = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** The file, base64. */
  base64: z.string(),
})
export type DispatchDocument = z.infer<typeof DispatchDocument>

export const dispatchMethods = {
  'dispatch.options': method(
    'Delivery methods with packed postings waiting for hand-over (per carrier and warehouse), and their open batches.',
    z.object({ departureDate: LocalDate.optional() }),
    z.object({ departureDate: z.string(), options: z.array(DispatchOption) }),
  ),
  'dispatch.open': method(
    'Open the dispatch batch of a delivery method and departure day (the open one is returned if it exists).',
    z.object({ deliveryMethodId: z.string().min(1), accountId: z.string().min(1).optional(), departureDate: LocalDate.optional() }),
    BatchView,
  ),
  'dispatch.get': method('A batch with its packages, split orders, what is still expected and what blocks closing.', z.object(BatchRef), BatchView),
  'dispatch.scan': method(
    'A scanned package (our bag label, a barcode of Ozon’s label, or the tracking number) into an open batch; refused scans say why.',
    z.object({ ...BatchRef, code: z.string().trim().min(1, 'scan or type a code').max(200) }),
    z.object({ outcome: DispatchScanOutcome, batch: BatchView }),
  ),
  'dispatch.remove': method(
    'Take a package out of an open batch (e.g. cancelled meanwhile); the reason is audited.',
    z.object({ ...BatchRef, postingNumber: z.string().trim().min(1), reason: z.string().trim().min(1, 'say why it is taken out').max(300) }),
    BatchView,
  ),
  'dispatch.close': method(
    'Close a batch: re-check its packages with Ozon, record who handed what to whom, make the manifest, then create the carriage (Ozon logistics) or move the postings to delivering (own delivery).',
    z.object({
      ...BatchRef,
      courierName: z.string().trim().max(100).default(''),
      language: ManifestLanguage.default('ru'),
      /** Close despite overridable blockers (incomplete split, data Ozon could not confirm): the reason is audited. */
      overrideReason: z.string().trim().max(300).optional(),
    }),
    BatchView,
  ),
  'dispatch.discard': method(
    'Drop an open batch (nothing was handed over); the reason is audited.',
    z.object({ ...BatchRef, reason: z.string().trim().min(1, 'say why').max(300) }),
    BatchView,
  ),
  'dispatch.history': method(
    'Batches, newest first; search by posting, order or tracking number (or part of one).',
    z.object({ search: z.string().trim().max(100).default(''), state: z.enum(['open', 'closed', 'all']).default('all'), limit: z.number().int().positive().max(500).default(100) }),
    z.object({ batches: z.array(BatchSummary), total: z.number().int() }),
  ),
  'dispatch.manifest': method(
    'The hand-over manifest of a closed batch as a PDF (one more copy; audited as a reprint).',
    z.object({ ...BatchRef, language: ManifestLanguage.optional() }),
    DispatchDocument,
  ),
  'dispatch.actPdf': method('Ozon’s act / shipment sheet of the batch’s carriage as a PDF.', z.object(BatchRef), DispatchDocument),
  'dispatch.refresh': method(
    'Ask Ozon again about a closed batch now: carriage documents, or a hand-over step that is waiting or failed.',
    z.object(BatchRef),
    BatchView,
  ),
  'dispatch.advance': method(
    'Own delivery: move the batch’s postings (or the given ones) on to the last mile or delivered.',
    z.object({ ...BatchRef, step: z.enum(['last_mile', 'delivered']), postingNumbers: z.array(z.string().trim().min(1)).max(500).optional() }),
    BatchView,
  ),
}

export const DispatchChanged = z.object({
  batchId: z.string(),
  what: z.enum(['opened', 'scan', 'removed', 'closed', 'handover', 'discarded']),
})

export const dispatchEvents = {
  'dispatch.changed': DispatchChanged,
}
