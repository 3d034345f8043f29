// The one small interface every printer driver implements. The print queue only ever talks to this.
import type { Printer, PrinterStatus } from '../../../shared/domain/printers'
import type { Logger } from '../../../shared/log'
import type { LabelBitmap } from '../bitmap'
import type { TcpTimeouts } from './tcp'

export interface DriverJob {
  /** The queue's job id (used for file names and system print titles). */
  id: string
  /** Human title, e.g. "Bag labels 41257303-0007-1 (+2)" — shown in system print queues. */
  title: string
  /** All labels of the job as one PDF, one page per label: what system printers and the folder receive. */
  pdf: Uint8Array
  /**
   * The labels already as bitmaps at this printer's dots (e.g. drawn straight from the label layout). When absent,
   * raw printers rasterise the PDF.
   */
  bitmaps?: LabelBitmap[]
  /** ESC/POS only: a text line printed under label i in the printer's own font (Cyrillic via the code page). */
  captions?: Array<string | undefined>
}

export interface PrinterDriver {
  readonly printer: Printer
  /**
   * Sends the job. Resolves once every byte is handed to the printer (or the system queue accepted the job);
   * rejects with a PrintFailure saying whether anything may have printed.
   */
  print(job: DriverJob): Promise<{ bytesWritten: number }>
  /** Asks the printer how it is (reachable, paper, cover) as far as it can tell. Never throws. */
  status(): Promise<PrinterStatus>
  /**
   * The exact bitmaps this printer prints for the job (the preview), or null when the printer takes the PDF
   * (system printers, folder) and rasterises it itself.
   */
  bitmapsFor(job: Pick<DriverJob, 'pdf' | 'bitmaps'>): Promise<LabelBitmap[] | null>
}

/** Implemented by electron/main with webContents.print: the core never imports electron. */
export interface SystemPrintShell {
  /**
   * Prints the PDF silently on `deviceName` with the page size exactly `widthMicrons`×`heightMicrons` and no margins.
   * `dpi` is the printer's head (the shell draws the pages at it, so the OS driver does not resample the bars).
   * Resolves once the OS spooler accepted the job; rejects with a reason otherwise.
   */
  printPdf(pdf: Uint8Array, opts: { deviceName: string; widthMicrons: number; heightMicrons: number; title: string; dpi?: 203 | 300 }): Promise<void>
  /** The OS's printers (for the settings screen and the status dot). */
  listPrinters(): Promise<Array<{ name: string; isDefault: boolean; status: 'idle' | 'printing' | 'stopped' | 'offline' | 'unknown' }>>
}

export interface DriverContext {
  log: Logger
  /** Needed by the 'windows' driver only. */
  shell?: SystemPrintShell
  /** Overrides for tests (short waits) — production uses the defaults. */
  tcpTimeouts?: Partial<TcpTimeouts>
  now?: () => Date
}
