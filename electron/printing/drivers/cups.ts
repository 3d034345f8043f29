// A CUPS queue (Linux, macOS) through the `lp` command, with the label's exact media size so the system driver
// neither shrinks the label onto A4 nor spreads it over pages. Status from `lpstat -l -p` (state and alerts).
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import type { Printer, PrinterProblem } from '../../../shared/domain/printers'
import { notSent } from '../failures'
import { makeStatus } from './status'
import type { DriverContext, PrinterDriver } from './types'

const run = promisify(execFile)

/** `Custom.58x40mm` — CUPS's custom media size keyword (portrait: width across the head). */
export function cupsMedia(printer: Pick<Printer, 'label'>): string {
  const n = (v: number) => String(Math.round(v * 100) / 100)
  return `Custom.${n(printer.label.widthMm)}x${n(printer.label.heightMm)}mm`
}

export function lpArguments(printer: Printer, title: string, file: string): string[] {
  return ['-d', printer.connection, '-t', title, '-n', '1', '-o', `media=${cupsMedia(printer)}`, '-o', 'print-scaling=none', file]
}

export function createCupsDriver(printer: Printer, ctx: DriverContext): PrinterDriver {
  return {
    printer,
    bitmapsFor: async () => null,
    async print(job) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'station-lp-'))
      const file = path.join(dir, `${job.id}.pdf`)
      try {
        await writeFile(file, job.pdf)
        let stdout: string
        try {
          ;({ stdout } = await run('lp', lpArguments(printer, job.title, file), { timeout: 30_000 }))
        } catch (err) {
          const e = err as NodeJS.ErrnoException & { stderr?: string }
          if (e.code === 'ENOENT') throw notSent('system-refused', 'CUPS is not installed here (no `lp` command); pick another printer type', { retryable: false })
          const why = (e.stderr ?? e.message).trim()
          const missing = /does not exist|unknown destination|invalid destination/i.test(why)
          throw notSent('system-refused', `CUPS refused the job for "${printer.connection}": ${why}`, { retryable: !missing })
        }
        ctx.log.info('printing: CUPS accepted the job', { printer: printer.id, job: job.id, lp: stdout.trim() })
        return { bytesWritten: job.pdf.length }
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
    async status() {
      try {
        const { stdout } = await run('lpstat', ['-l', '-p', printer.connection], { timeout: 10_000 })
        const problems: PrinterProblem[] = []
        if (/\bdisabled\b/i.test(stdout)) problems.push('paused')
        if (/media-empty|media-needed/i.test(stdout)) problems.push('paper-out')
        if (/cover-open|door-open/i.test(stdout)) problems.push('cover-open')
        if (/offline-report|connecting-to-device/i.test(stdout)) problems.push('offline')
        return makeStatus(printer, { reachable: true, detailed: true, problems }, ctx.now)
      } catch (err) {
        const e = err as NodeJS.ErrnoException & { stderr?: string }
        const note = e.code === 'ENOENT' ? 'CUPS is not installed' : (e.stderr ?? e.message).trim()
        return makeStatus(printer, { reachable: false, detailed: false, note }, ctx.now)
      }
    },
  }
}
