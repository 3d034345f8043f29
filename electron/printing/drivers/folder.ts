// "Save to folder": each job becomes <time>-<job>.pdf plus one PNG per label with the exact dots a 203/300 dpi
// printer would print. The demo default (no printer needed) and an audit trail of what was printed.
import { access, constants, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Printer } from '../../../shared/domain/printers'
import { bitmapToPng } from '../bitmap'
import { notSent } from '../failures'
import { labelBitmaps } from './raw-tcp'
import { makeStatus } from './status'
import type { DriverContext, PrinterDriver } from './types'

export function createFolderDriver(printer: Printer, ctx: DriverContext): PrinterDriver {
  const folder = printer.connection
  const now = ctx.now ?? (() => new Date())
  return {
    printer,
    bitmapsFor: (job) => labelBitmaps(printer, job, ctx),
    async status() {
      try {
        await mkdir(folder, { recursive: true })
        await access(folder, constants.W_OK)
        return makeStatus(printer, { reachable: true, detailed: true }, ctx.now)
      } catch (err) {
        return makeStatus(printer, { reachable: false, detailed: false, note: (err as NodeJS.ErrnoException).code ?? String(err) }, ctx.now)
      }
    },
    async print(job) {
      const bitmaps = await labelBitmaps(printer, job, ctx)
      const stem = `${now().toISOString().replace(/[:.]/g, '-')}-${job.id}`
      const files: Array<[string, Uint8Array]> = [[`${stem}.pdf`, job.pdf]]
      bitmaps.forEach((b, i) => files.push([`${stem}-${i + 1}.png`, bitmapToPng(b)]))
      const written: string[] = []
      try {
        await mkdir(folder, { recursive: true })
        // Each file appears whole or not at all (temp name, then rename), so a half-written label is never mistaken
        // for a printed one; on failure the pieces are removed and the job counts as not printed.
        for (const [name, bytes] of files) {
          const tmp = path.join(folder, `.${name}.tmp`)
          await writeFile(tmp, bytes)
          await rename(tmp, path.join(folder, name))
          written.push(path.join(folder, name))
        }
      } catch (err) {
        await Promise.all(written.map((f) => rm(f, { force: true })))
        throw notSent('unreachable', `cannot write labels into ${folder} (${(err as NodeJS.ErrnoException).code ?? String(err)}); check the folder exists and is writable`)
      }
      return { bytesWritten: files.reduce((s, [, b]) => s + b.length, 0) }
    },
  }
}
