// Printing the labels of postings a person selected (the inbox, the print screen): one job per printer, labels in
// the order given. Bag labels go to the bag-label printer with their layouts (drawn dot for dot by raw printers);
// Ozon's labels to the Ozon-label printer. When one printer holds both, the two kinds go out interleaved per
// package as one job — a morning batch is one job, not two.
import type { LabelChoice } from '../../../shared/contract/labels'
import type { LabelsPrinted } from '../../../shared/contract/printing'
import { kindsOfChoice, type AutoPrintKind } from '../../../shared/domain/auto-print'
import { StationError } from '../../../shared/errors'
import type { PrinterRegistry, PrintQueue } from '../../printing'
import type { StationContext } from '../context'
import { postingKey } from '../orders/document'
import type { LabelSource, PackageRef } from './label-source'

const WHAT: Record<AutoPrintKind, string> = { 'bag-label': 'bag labels', 'ozon-label': "Ozon's labels" }

/** The same selection asked again within this time (a double click, a repeated call) is the same jobs. */
const REPEAT_WINDOW_MS = 10_000

type BatchArgs = { postingNumbers: string[]; accountId?: string; choice?: LabelChoice }

/**
 * Batch printing with a memory of the last few requests: the labels PDF is made anew for every request (its bytes
 * differ), so the print queue's own duplicate check cannot see a repeated click — this does.
 */
export function batchPrinter(ctx: StationContext, deps: { queue: PrintQueue; printers: PrinterRegistry; labels: LabelSource }) {
  const recent = new Map<string, { at: number; result: Promise<LabelsPrinted> }>()
  return (args: BatchArgs): Promise<LabelsPrinted> => {
    const now = ctx.now().getTime()
    for (const [k, r] of recent) if (now - r.at > REPEAT_WINDOW_MS) recent.delete(k)
    // Same postings, same choice, same printers: the same request (a printer changed in between is a new one).
    const printers = [deps.printers.forPurpose('bag-label')?.id, deps.printers.forPurpose('ozon-label')?.id]
    const key = JSON.stringify([args.accountId ?? '', args.choice ?? deps.labels.choice(), args.postingNumbers, printers])
    const seen = recent.get(key)
    if (seen) return seen.result.then((r) => ({ ...r, jobs: r.jobs.map((j) => ({ job: deps.queue.get(j.job.id) ?? j.job, duplicate: true })) }))
    const result = printLabels(ctx, deps, args)
    recent.set(key, { at: now, result })
    // Nothing printed (every label missing) or refused: asking again is a new try, not a repeat.
    result.then(
      (r) => r.jobs.length === 0 && recent.delete(key),
      () => recent.delete(key),
    )
    return result
  }
}

export async function printLabels(
  ctx: StationContext,
  deps: { queue: PrintQueue; printers: PrinterRegistry; labels: LabelSource },
  args: BatchArgs,
): Promise<LabelsPrinted> {
  const choice = args.choice ?? deps.labels.choice()
  const kinds = kindsOfChoice(choice)
  const printerOf = (kind: AutoPrintKind) => deps.printers.forPurpose(kind)
  const out: LabelsPrinted = { jobs: [], missing: [] }
  // A posting not packed yet has no package to label (and Ozon no label for it): package it first.
  const refs = deps.labels.resolve(args.postingNumbers, args.accountId).filter((r) => {
    const status = ctx.orders.data.postings[postingKey(r.accountId, r.postingNumber)]?.status
    if (status !== 'awaiting_packaging') return true
    for (const kind of kinds) out.missing.push({ postingNumber: r.postingNumber, kind: kind === 'bag-label' ? 'bag' : 'ozon', reason: 'not packed yet; package it first' })
    return false
  })
  if (refs.length === 0) return out

  const missingPrinter = kinds.filter((k) => !printerOf(k))
  if (missingPrinter.length === kinds.length) {
    throw new StationError({
      code: 'printer',
      message: `No printer is set for ${missingPrinter.map((k) => WHAT[k]).join(' or ')} at this bench; choose one in Settings → Printers`,
    })
  }
  const { operator, bench } = ctx.actor()
  const send = async (kind: AutoPrintKind, printerId: string, which: LabelChoice, these: PackageRef[]) => {
    const built = await deps.labels.build(these, which)
    out.missing.push(...built.missing)
    if (!built.pdf) return
    const onlyBag = which === 'bag'
    out.jobs.push(
      await deps.queue.print({
        kind,
        printerId,
        pdf: built.pdf,
        layouts: onlyBag && built.layouts.length === built.pages.length ? built.layouts : undefined,
        postingNumbers: [...new Set(built.pages.map((p) => p.postingNumber))],
        operator,
        bench,
      }),
    )
  }

  const bag = printerOf('bag-label')
  const ozon = printerOf('ozon-label')
  if (choice === 'both' && bag && ozon && bag.id === ozon.id) {
    await send('ozon-label', ozon.id, 'both', refs)
    return out
  }
  for (const kind of kinds) {
    const printer = printerOf(kind)
    if (!printer) {
      for (const r of refs) {
        out.missing.push({ postingNumber: r.postingNumber, kind: kind === 'bag-label' ? 'bag' : 'ozon', reason: `no printer is set for ${WHAT[kind]}` })
      }
      continue
    }
    await send(kind, printer.id, kind === 'bag-label' ? 'bag' : 'ozon', refs)
  }
  return out
}
