// <dataDir>/dispatch.json: every dispatch batch (open, closed, discarded) with its scanned packages, who closed it
// and what Ozon did at hand-over, plus the split orders this station packed (which postings came out of one
// ship — "2 of 3 packages scanned" is counted over them). PDFs (manifests, Ozon acts) are files in <dataDir>/dispatch/.
import { z } from 'zod'
import { BatchPackage, HandoverState, ManifestLanguage } from '../../../shared/contract/dispatch'
import type { DocumentSpec } from '../../store'

const Who = z.object({ operator: z.string(), bench: z.string() })

export const Batch = z.object({
  id: z.string(),
  /** Number of the batch on its departure day (1, 2, …): "2026-06-02 №3". */
  seq: z.number().int().positive(),
  accountId: z.string(),
  carrier: z.object({ id: z.string(), name: z.string() }),
  deliveryMethod: z.object({ id: z.string(), name: z.string() }),
  warehouse: z.object({ id: z.string(), name: z.string() }),
  integrationType: z.string(),
  /** Local date of the pick-up, YYYY-MM-DD. */
  departureDate: z.string(),
  state: z.enum(['open', 'closed', 'discarded']),
  createdAt: z.string(),
  createdBy: Who,
  packages: z.array(BatchPackage),
  closedAt: z.string().nullable(),
  closedBy: Who.nullable(),
  courierName: z.string(),
  /** Why it was closed despite an overridable warning, or why it was discarded. */
  closeNote: z.string(),
  manifest: z.object({ language: ManifestLanguage, generatedAt: z.string(), copies: z.number().int(), file: z.string() }).nullable(),
  handover: HandoverState.nullable(),
  /** Ozon's act / shipment sheet, saved when the carriage's documents were ready. */
  actFile: z.string().nullable(),
})
export type Batch = z.infer<typeof Batch>

export const RecordedSplitRecord = z.object({
  accountId: z.string(),
  original: z.string(),
  members: z.array(z.string()).min(1),
  packedAt: z.string(),
})

export const DispatchData = z.object({
  batches: z.array(Batch),
  splits: z.array(RecordedSplitRecord),
})
export type DispatchData = z.infer<typeof DispatchData>

export const dispatchDocument: DocumentSpec<DispatchData> = {
  name: 'dispatch',
  version: 1,
  schema: DispatchData,
  defaults: () => ({ batches: [], splits: [] }),
}

/** Split records older than this are dropped (their packages are long handed over). */
export const SPLIT_KEEP_DAYS = 30
