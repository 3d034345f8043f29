// Auto-print after packing: what each "Package the order" still has to print, and what to print now.
//
// One plan per packing operation (its package set). A plan has a part per kind of label the bench prints
// ('bag-label', 'ozon-label'); each part goes to its own printer. The bag labels exist at once and go out as one
// job; Ozon's labels come 45–60 s later, so that part waits — without holding the packer — and prints the labels
// that are ready together as one job, never one job per label, never a label twice.
import { z } from 'zod'

export const AUTO_PRINT_KINDS = ['bag-label', 'ozon-label'] as const
export type AutoPrintKind = (typeof AUTO_PRINT_KINDS)[number]

export const AutoPrintPart = z.object({
  kind: z.enum(AUTO_PRINT_KINDS),
  /** The postings of this part, in package order. */
  postingNumbers: z.array(z.string()),
  /** Postings whose labels went to the print queue, and the queue's jobs. */
  printed: z.array(z.string()),
  jobIds: z.array(z.string()),
  /**
   * A print request under way, written before the queue is asked: after a crash the queue's history tells
   * whether the job got there (then it is adopted, not printed again).
   */
  sending: z.object({ postingNumbers: z.array(z.string()), since: z.string() }).nullable(),
  /** Labels that could not be had (Ozon refused or gave up, the posting is unknown), with the reason. */
  failed: z.array(z.object({ postingNumber: z.string(), reason: z.string() })),
  /** Why the part cannot print at all right now (no printer set for it, the label PDF could not be made…). */
  problem: z.string().nullable(),
})
export type AutoPrintPart = z.infer<typeof AutoPrintPart>

export const AutoPrintPlan = z.object({
  /** The packing operation (`packing.shipped` operationId): one plan per package set, whatever repeats. */
  operationId: z.string(),
  accountId: z.string(),
  orderNumber: z.string(),
  /** The posting as it was opened for packing. */
  postingNumber: z.string(),
  packages: z.array(z.object({ postingNumber: z.string(), index: z.number().int(), count: z.number().int() })),
  choice: z.enum(['ozon', 'bag', 'both']),
  operator: z.string(),
  bench: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  parts: z.array(AutoPrintPart),
  /** Set once every part is printed or failed. */
  finishedAt: z.string().nullable(),
})
export type AutoPrintPlan = z.infer<typeof AutoPrintPlan>

/** The kinds of label a bench choice prints, in printing order (bag labels first: they exist at once). */
export function kindsOfChoice(choice: AutoPrintPlan['choice']): AutoPrintKind[] {
  return choice === 'both' ? ['bag-label', 'ozon-label'] : choice === 'bag' ? ['bag-label'] : ['ozon-label']
}

export function newPart(kind: AutoPrintKind, postingNumbers: string[]): AutoPrintPart {
  return { kind, postingNumbers: [...postingNumbers], printed: [], jobIds: [], sending: null, failed: [], problem: null }
}

/** Postings of the part neither printed nor failed yet (in package order). */
export function outstanding(part: AutoPrintPart): string[] {
  const done = new Set([...part.printed, ...part.failed.map((f) => f.postingNumber)])
  return part.postingNumbers.filter((n) => !done.has(n))
}

export type PartState = 'waiting' | 'sending' | 'printed' | 'failed' | 'blocked'

/** How a part stands, for the screens: blocked = has a problem a person must fix. */
export function partState(part: AutoPrintPart): PartState {
  if (part.problem) return 'blocked'
  if (part.sending) return 'sending'
  if (outstanding(part).length > 0) return 'waiting'
  return part.failed.length > 0 ? 'failed' : 'printed'
}

export const isPlanFinished = (plan: AutoPrintPlan) => plan.parts.every((p) => partState(p) === 'printed' || partState(p) === 'failed')

/** The same postings, in any order. */
export function samePostings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false
  const sorted = [...b].sort()
  return [...a].sort().every((n, i) => n === sorted[i])
}

export type LabelReadiness = 'waiting' | 'ready' | 'failed'

/**
 * What the Ozon part can do now, given each posting's label state: print the ready ones together (in package
 * order), record the failed ones, keep waiting for the rest. Nothing while a request is under way or blocked.
 */
export function ozonStep(
  part: AutoPrintPart,
  readiness: (postingNumber: string) => { state: LabelReadiness; reason?: string } | undefined,
): { print: string[]; failed: Array<{ postingNumber: string; reason: string }>; waiting: string[] } {
  const out = { print: [] as string[], failed: [] as Array<{ postingNumber: string; reason: string }>, waiting: [] as string[] }
  if (part.sending || part.problem) return out
  for (const n of outstanding(part)) {
    const r = readiness(n)
    if (r?.state === 'ready') out.print.push(n)
    else if (r?.state === 'failed') out.failed.push({ postingNumber: n, reason: r.reason ?? "Ozon did not give this label" })
    else out.waiting.push(n)
  }
  return out
}

/** Is this queue job the one a part was sending when the station stopped? (Same kind, same postings, not older.) */
export function isSentRequest(
  sending: NonNullable<AutoPrintPart['sending']>,
  kind: AutoPrintKind,
  job: { kind: string; postingNumbers: string[]; createdAt: string },
): boolean {
  return job.kind === kind && job.createdAt >= sending.since && samePostings(job.postingNumbers, sending.postingNumbers)
}
