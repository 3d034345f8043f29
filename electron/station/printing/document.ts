// <dataDir>/printing-bench.json: what the bench follows up after printing — the auto-print plan of every recent
// "Package the order" (what is printed, what waits for Ozon's label), the label checks waiting for a scan, and
// the jobs a person has dealt with ("it did print", reprinted). The printers and the print queue keep their own
// files (printers.json, printing.json — electron/printing).
import { z } from 'zod'
import { AutoPrintPlan } from '../../../shared/domain/auto-print'
import type { DocumentSpec } from '../../store'

export const StoredLabelCheck = z.object({
  /** = the print job's id. */
  id: z.string(),
  kind: z.enum(['bag-label', 'ozon-label']),
  accountId: z.string(),
  orderNumber: z.string(),
  printerName: z.string(),
  labels: z.array(
    z.object({
      postingNumber: z.string(),
      packageIndex: z.number().int().positive(),
      packageCount: z.number().int().positive(),
      /** What a scanner reads off this label (empty: not known yet — Ozon is asked about a scanned code). */
      codes: z.array(z.string()),
      confirmed: z.boolean(),
    }),
  ),
  createdAt: z.string(),
})
export type StoredLabelCheck = z.infer<typeof StoredLabelCheck>

export const Resolution = z.object({
  how: z.enum(['dismissed', 'reprinted']),
  at: z.string(),
  operator: z.string(),
  /** The reprint job, or the person's note. */
  detail: z.string(),
})

export const PrintingBenchData = z.object({
  plans: z.array(AutoPrintPlan),
  /** Label checks waiting for a scan, oldest first. */
  checks: z.array(StoredLabelCheck),
  /** Jobs needing attention that a person dealt with, by job id. */
  resolved: z.record(z.string(), Resolution),
})
export type PrintingBenchData = z.infer<typeof PrintingBenchData>

export const printingBenchDocument: DocumentSpec<PrintingBenchData> = {
  name: 'printing-bench',
  version: 1,
  schema: PrintingBenchData,
  defaults: () => ({ plans: [], checks: [], resolved: {} }),
}

/** Finished plans and resolutions are kept this long (the queue's own attention window is 7 days). */
export const KEEP_DAYS = 8

/** Drops finished plans and resolutions older than KEEP_DAYS; plans still waiting stay whatever their age. */
export function prune(data: PrintingBenchData, now: Date): void {
  const cutoff = new Date(now.getTime() - KEEP_DAYS * 86_400_000).toISOString()
  data.plans = data.plans.filter((p) => p.finishedAt === null || p.finishedAt >= cutoff)
  for (const [id, r] of Object.entries(data.resolved)) if (r.at < cutoff) delete data.resolved[id]
}
