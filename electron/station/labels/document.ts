// <dataDir>/labels.json: where Ozon's label of every package this station packed (or was asked about) stands.
// The PDFs themselves are files under <dataDir>/labels/ozon/ (ozon-label-files.ts); a record says "ready" only
// after its file is durably on disk, so a crash in between leaves a file that the next start adopts rather than
// fetching the label again.
import { z } from 'zod'
import { OzonLabelSize, OzonLabelState } from '../../../shared/contract/labels'
import type { DocumentSpec } from '../../store'

export const LabelRecord = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  orderNumber: z.string(),
  packageIndex: z.number().int().positive(),
  packageCount: z.number().int().positive(),
  packedAt: z.string(),
  size: OzonLabelSize,
  state: OzonLabelState,
  since: z.string(),
  nextAttemptAt: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  readyAt: z.string().nullable(),
  reason: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** packed: this bench packed it; journal: found in the ship journal at start; asked: a batch or a person asked. */
  source: z.enum(['packed', 'journal', 'asked']),
})
export type LabelRecord = z.infer<typeof LabelRecord>

export const LabelsData = z.object({
  /** Keyed by postingKey(accountId, postingNumber). */
  records: z.record(z.string(), LabelRecord),
})
export type LabelsData = z.infer<typeof LabelsData>

export const labelsDocument: DocumentSpec<LabelsData> = {
  name: 'labels',
  version: 1,
  schema: LabelsData,
  defaults: () => ({ records: {} }),
}

/** Records older than this are dropped at start (their PDF files stay until the file cache prunes them). */
export const RECORD_RETENTION_DAYS = 14
