// <dataDir>/labels.json: where Ozon's label of every package this station packed (or was asked about) stands.
// The PDFs themselves are files under <dataDir>/labels/ozon/ (ozon-label-files.ts); a record says "ready" only
// after its file is durably on disk, so a crash in between leaves a file that the next start adopts rather than
// fetching the label again.
import { z } from 'zod'
import { OzonLabelStatus } from '../../../shared/contract/labels'
import type { DocumentSpec } from '../../store'

/** What the contract shows of a package's label (statusOf), plus where the station learnt of the package. */
export const LabelRecord = OzonLabelStatus.extend({
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
