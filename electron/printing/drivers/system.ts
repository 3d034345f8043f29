// Windows (and any OS) system printers through the desktop shell: electron/main implements SystemPrintShell with
// webContents.print (silent, the device name, the page size in microns, no margins). The core only describes
// the job; without the desktop shell (web host, tests) this printer type cannot print and says so.
import type { Printer } from '../../../shared/domain/printers'
import { notSent } from '../failures'
import { makeStatus } from './status'
import type { DriverContext, PrinterDriver } from './types'

/** Page size in microns, as Electron's webContents.print wants it (portrait: width across the head). */
export function pageMicrons(printer: Pick<Printer, 'label'>): { widthMicrons: number; heightMicrons: number } {
  return { widthMicrons: Math.round(printer.label.widthMm * 1000), heightMicrons: Math.round(printer.label.heightMm * 1000) }
}

export function createSystemDriver(printer: Printer, ctx: DriverContext): PrinterDriver {
  const shell = ctx.shell
  return {
    printer,
    bitmapsFor: async () => null,
    async print(job) {
      if (!shell) throw notSent('system-refused', `${printer.name} is a system printer: it prints only from the desktop app`, { retryable: false })
      try {
        await shell.printPdf(job.pdf, { deviceName: printer.connection, title: job.title, dpi: printer.dpi, ...pageMicrons(printer) })
      } catch (err) {
        // webContents.print reports failure before anything is spooled ("Print job canceled", "Invalid deviceName").
        throw notSent('system-refused', `the system refused to print on "${printer.connection}": ${(err as Error).message}`)
      }
      return { bytesWritten: job.pdf.length }
    },
    async status() {
      if (!shell) return makeStatus(printer, { reachable: false, detailed: false, note: 'only from the desktop app' }, ctx.now)
      try {
        const found = (await shell.listPrinters()).find((p) => p.name === printer.connection)
        if (!found) return makeStatus(printer, { reachable: false, detailed: false, note: 'not installed on this computer' }, ctx.now)
        const problems = found.status === 'offline' ? (['offline'] as const) : found.status === 'stopped' ? (['paused'] as const) : []
        return makeStatus(printer, { reachable: found.status !== 'offline', detailed: false, problems: [...problems] }, ctx.now)
      } catch (err) {
        return makeStatus(printer, { reachable: false, detailed: false, note: (err as Error).message }, ctx.now)
      }
    },
  }
}
