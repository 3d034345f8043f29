// Why a print did not (certainly) happen — the one distinction the print queue lives by:
// - 'not-sent': not a single byte reached the printer (refused connection, paper out reported beforehand, a label
//   that cannot be rasterised). Sending again cannot double a label, so the queue may retry by itself.
// - 'unknown': the connection broke after bytes went out. The label may or may not be on the roll; sending again
//   could print it twice, so only a person who looked at the printer may reprint it.
import type { PrinterProblem } from '../../shared/domain/printers'

export type FailureCode =
  /** Could not connect (offline, wrong address, refused). */
  | 'unreachable'
  /** The printer said it cannot print now (paper out, cover open, paused…). */
  | 'not-ready'
  /** The connection dropped or stalled while the job was being sent. */
  | 'interrupted'
  /** The station stopped while the job was being sent. */
  | 'station-stopped'
  /** The label itself is unusable (unreadable PDF, missing payload). */
  | 'bad-label'
  /** The system print queue (CUPS / Windows) refused the job. */
  | 'system-refused'
  /** The job's printer was removed from the settings. */
  | 'no-printer'

export type SendOutcome = 'not-sent' | 'unknown'

export class PrintFailure extends Error {
  constructor(
    message: string,
    readonly code: FailureCode,
    readonly outcome: SendOutcome,
    /** Worth trying again by itself later (only ever true for 'not-sent'). */
    readonly retryable: boolean,
    readonly bytesWritten = 0,
    readonly problems: PrinterProblem[] = [],
  ) {
    super(message)
    this.name = 'PrintFailure'
  }
}

export const notSent = (code: FailureCode, message: string, opts: { retryable?: boolean; problems?: PrinterProblem[] } = {}) =>
  new PrintFailure(message, code, 'not-sent', opts.retryable ?? true, 0, opts.problems ?? [])

export const outcomeUnknown = (message: string, bytesWritten: number) =>
  new PrintFailure(message, 'interrupted', 'unknown', false, bytesWritten)

/** Anything thrown that is not a PrintFailure is treated as the safe worst case: maybe printed. */
export function asPrintFailure(err: unknown, bytesWritten: number): PrintFailure {
  if (err instanceof PrintFailure) return err
  const message = err instanceof Error ? err.message : String(err)
  return bytesWritten > 0
    ? outcomeUnknown(`printing stopped after ${bytesWritten} bytes: ${message}`, bytesWritten)
    : notSent('unreachable', message)
}
