// What ESC/POS, ZPL and TSPL printers on port 9100 have in common: the label as a bitmap at the printer's dots,
// an optional "are you ready?" question before sending (so a job is not poured into a printer without paper), the
// job as one program over one connection.
import { labelDots, type Printer, type PrinterProblem, type PrinterStatus } from '../../../shared/domain/printers'
import type { LabelBitmap } from '../bitmap'
import { notSent, PrintFailure } from '../failures'
import { rasterisePdf } from '../raster'
import { makeStatus } from './status'
import { DEFAULT_TCP_TIMEOUTS, isReachable, parseTcpAddress, queryPrinter, sendToPrinter } from './tcp'
import type { DriverContext, DriverJob, PrinterDriver } from './types'

export interface StatusProbe {
  request: Uint8Array
  complete(answer: Uint8Array): boolean
  /** null when the answer is not understood. */
  parse(answer: Uint8Array): { problems: PrinterProblem[]; paperLow?: boolean } | null
}

export interface RawTcpLanguage {
  /** The whole job as bytes (one or more chunks, sent in order on one connection). */
  program(bitmaps: LabelBitmap[], job: DriverJob): Uint8Array[]
  /** How to ask this printer for its state; absent when the language has no answer we can rely on. */
  probe?: StatusProbe
}

/** Bitmaps at this printer's dots: the job's own (checked) or the PDF rasterised. */
export async function labelBitmaps(printer: Printer, job: Pick<DriverJob, 'pdf' | 'bitmaps'>, ctx: DriverContext): Promise<LabelBitmap[]> {
  const { width, height } = labelDots(printer)
  if (job.bitmaps) {
    const wrong = job.bitmaps.find((b) => b.width !== width || b.height !== height)
    if (wrong) {
      throw notSent('bad-label', `a label was drawn at ${wrong.width}×${wrong.height} dots but ${printer.name} prints ${width}×${height}; render it for this printer`, {
        retryable: false,
      })
    }
    return job.bitmaps
  }
  try {
    return await rasterisePdf(job.pdf, printer, { log: ctx.log })
  } catch (err) {
    throw notSent('bad-label', (err as Error).message, { retryable: false })
  }
}

export function createRawTcpDriver(printer: Printer, language: RawTcpLanguage, ctx: DriverContext): PrinterDriver {
  const address = parseTcpAddress(printer.connection)
  const timeouts = { ...DEFAULT_TCP_TIMEOUTS, ...ctx.tcpTimeouts }
  // Some clones accept the status question and never answer. Once one stays silent we stop asking before every
  // job (it would cost a timeout per label) but still ask when someone looks at the status dot.
  let answersStatus: boolean | undefined

  async function ask(): Promise<PrinterStatus> {
    if (!language.probe) {
      return makeStatus(printer, { reachable: await isReachable(address, timeouts.connectMs), detailed: false }, ctx.now)
    }
    const probe = language.probe
    try {
      const answer = await queryPrinter(address, probe.request, probe.complete, Math.min(timeouts.connectMs, 2000))
      const parsed = probe.parse(answer)
      answersStatus = parsed !== null
      if (!parsed) return makeStatus(printer, { reachable: true, detailed: false, note: 'status answer not understood' }, ctx.now)
      return makeStatus(printer, { reachable: true, detailed: true, problems: parsed.problems, paperLow: parsed.paperLow }, ctx.now)
    } catch (err) {
      if (err instanceof PrintFailure) return makeStatus(printer, { reachable: false, detailed: false, note: err.message }, ctx.now)
      answersStatus = false
      return makeStatus(printer, { reachable: true, detailed: false }, ctx.now)
    }
  }

  return {
    printer,
    status: ask,
    bitmapsFor: (job) => labelBitmaps(printer, job, ctx),
    async print(job) {
      const bitmaps = await labelBitmaps(printer, job, ctx)
      if (language.probe && answersStatus !== false) {
        const s = await ask()
        if (!s.reachable) throw notSent('unreachable', s.message)
        if (s.problems.length) throw notSent('not-ready', s.message, { problems: s.problems })
      }
      return sendToPrinter(address, language.program(bitmaps, job), timeouts)
    },
  }
}
