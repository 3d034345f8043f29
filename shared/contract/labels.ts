// Labels over the contract: where Ozon's official label of each package stands (fetched in the background after
// packing, cached on disk), the station's own bag label as a layout for the preview, a preview image of Ozon's
// label, one merged PDF for any set of packages in package order (Ozon's label / bag label / both, as the bench
// chooses — a morning batch of 200 labels is one PDF), and "try again now" for a label that failed.
import { z } from 'zod'
import { LabelLayoutSchema } from '../domain/label-schemas'
import { method } from './define'

const AccountRef = {
  /** The Ozon account of the postings; may be left out when the station has one account or the numbers are unique. */
  accountId: z.string().min(1).optional(),
}

const PostingNumbers = z
  .array(z.string().trim().min(1, 'a posting number is empty'))
  .min(1, 'give at least one posting number')
  .max(1000, 'at most 1000 postings at a time; split the batch')

/** Ozon's two label sizes: big = the regular 75×120 mm label, small = 58×40 mm. */
export const OzonLabelSize = z.enum(['big', 'small'])
export type OzonLabelSize = z.infer<typeof OzonLabelSize>

/** waiting: Ozon has not made it yet (or could not be reached) — the station asks again by itself. */
export const OzonLabelState = z.enum(['waiting', 'ready', 'failed'])
export type OzonLabelState = z.infer<typeof OzonLabelState>

/** What a bench prints per package (the bench setting `labelsPerPackage`). */
export const LabelChoice = z.enum(['ozon', 'bag', 'both'])
export type LabelChoice = z.infer<typeof LabelChoice>

/** Where Ozon's label of one package stands. */
export const OzonLabelStatus = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  orderNumber: z.string(),
  /** "package k of n" of the order, when this bench packed it (1 of 1 otherwise). */
  packageIndex: z.number().int().positive(),
  packageCount: z.number().int().positive(),
  packedAt: z.string(),
  size: OzonLabelSize,
  state: OzonLabelState,
  /** Since when it is waiting (packing, or the moment a person asked to try again). */
  since: z.string(),
  /** When the station asks Ozon next (waiting only). */
  nextAttemptAt: z.string().nullable(),
  /** Times Ozon was asked for this label. */
  attempts: z.number().int().nonnegative(),
  readyAt: z.string().nullable(),
  /**
   * failed: why, in Ozon's words where Ozon gave one (e.g. "INVALID_POSTING_STATUS"); waiting: the last answer
   * ("The next postings aren't ready", Ozon unreachable…); null when nothing went wrong.
   */
  reason: z.object({ code: z.string(), message: z.string() }).nullable(),
})
export type OzonLabelStatus = z.infer<typeof OzonLabelStatus>

export const LabelStatusList = z.object({
  /** The station's clock when it answered: the renderer counts "waiting (32 s)" from it. */
  now: z.string(),
  items: z.array(OzonLabelStatus),
  /** What this bench prints per package. */
  choice: LabelChoice,
})
export type LabelStatusList = z.infer<typeof LabelStatusList>

/** The label stock a label is laid out for. */
export const LabelStockInfo = z.object({
  widthMm: z.number().positive(),
  heightMm: z.number().positive(),
  dpi: z.union([z.literal(203), z.literal(300)]),
})
export type LabelStockInfo = z.infer<typeof LabelStockInfo>

export const BagLabelPreview = z.object({
  postingNumber: z.string(),
  layout: LabelLayoutSchema,
  stock: LabelStockInfo,
})
export type BagLabelPreview = z.infer<typeof BagLabelPreview>

export const OzonLabelPreview = z.object({
  postingNumber: z.string(),
  size: OzonLabelSize,
  widthMm: z.number().positive(),
  heightMm: z.number().positive(),
  dpi: z.number().int().positive(),
  /** The first page of Ozon's label as the printer's dots (1-bit PNG), base64. */
  pngBase64: z.string(),
})
export type OzonLabelPreview = z.infer<typeof OzonLabelPreview>

export const BatchPage = z.object({ postingNumber: z.string(), kind: z.enum(['ozon', 'bag']) })

export const LabelBatch = z.object({
  /** The merged PDF, base64; one page per label in package order. Empty when no label could be made. */
  pdfBase64: z.string(),
  /** Where the same PDF was saved (<dataDir>/labels/batches/…). */
  file: z.string().nullable(),
  pages: z.array(BatchPage),
  /** Labels left out, with the reason (Ozon's label not ready or refused, posting unknown…). */
  missing: z.array(z.object({ postingNumber: z.string(), kind: z.enum(['ozon', 'bag']), reason: z.string() })),
  choice: LabelChoice,
})
export type LabelBatch = z.infer<typeof LabelBatch>

export const labelsMethods = {
  'labels.status': method(
    "Where Ozon's label of each posting stands (waiting / ready / failed: reason); without numbers: the most recent packages.",
    z.object({ postingNumbers: PostingNumbers.optional(), ...AccountRef, limit: z.number().int().positive().max(1000).default(200) }),
    LabelStatusList,
  ),
  'labels.layout': method(
    "The station's bag label of one package as a layout in mm, laid out for the bench's bag-label stock (for the preview).",
    z.object({ postingNumber: z.string().trim().min(1, 'give the posting number'), ...AccountRef }),
    BagLabelPreview,
  ),
  'labels.ozonPreview': method(
    "Ozon's label of one package as the printer will draw it (its first page at the printer's dots), once it is ready.",
    z.object({ postingNumber: z.string().trim().min(1, 'give the posting number'), ...AccountRef }),
    OzonLabelPreview,
  ),
  'labels.batch': method(
    "One PDF with the labels of these packages in the order given (Ozon's label, bag label or both per the bench's choice); Ozon's labels not yet fetched are asked for first.",
    z.object({
      postingNumbers: PostingNumbers,
      ...AccountRef,
      /** Overrides the bench's choice for this batch. */
      choice: LabelChoice.optional(),
      /** Save the PDF under <dataDir>/labels/batches as well (default true). */
      save: z.boolean().default(true),
    }),
    LabelBatch,
  ),
  'labels.retry': method(
    "Ask Ozon for these labels again now (a failed label, or one still waiting).",
    z.object({ postingNumbers: PostingNumbers, ...AccountRef }),
    LabelStatusList,
  ),
}

export const LabelsChanged = z.object({
  /** The labels whose state changed (waiting → ready, a new attempt, failed…). */
  items: z.array(OzonLabelStatus),
})
export type LabelsChanged = z.infer<typeof LabelsChanged>

export const labelsEvents = {
  /** Ozon labels changed state: the screens update their "waiting / ready / failed" and printing can start. */
  'labels.changed': LabelsChanged,
}
