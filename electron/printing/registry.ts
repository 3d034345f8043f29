// The bench's printers: stored in <dataDir>/printers.json, validated on every save, one driver per printer
// (created on first use, replaced when the printer's settings change). With no printers configured the station
// starts with two "save to folder" demo printers, so packing and printing work out of the box.
import path from 'node:path'
import { z } from 'zod'
import { Printer, type PrinterInput, type PrinterPurpose, type PrinterStatus } from '../../shared/domain/printers'
import type { Logger } from '../../shared/log'
import { openDocument, type StoredDocument } from '../store'
import { createDriver, type DriverContext, type PrinterDriver } from './drivers'

const PrintersData = z.object({ printers: z.array(Printer) })
type PrintersData = z.infer<typeof PrintersData>

export class PrinterConfigError extends Error {
  constructor(
    message: string,
    /** Field → what is wrong with it, for the settings form. */
    readonly fields: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'PrinterConfigError'
  }
}

export interface PrinterRegistry {
  list(): Printer[]
  get(id: string): Printer | undefined
  /**
   * Adds or replaces (by id) a printer; throws PrinterConfigError naming each wrong field. Its purposes are taken
   * from any other printer that had them (one printer per purpose at a bench).
   */
  save(input: PrinterInput): Promise<Printer>
  remove(id: string): Promise<void>
  /** The printer that gets this kind of label at this bench. */
  forPurpose(purpose: PrinterPurpose): Printer | undefined
  driver(id: string): PrinterDriver
  /** Never throws: an unknown printer id is reported as not reachable. */
  status(id: string): Promise<PrinterStatus>
}

/** The demo printers: labels land as PDF + PNG in <dataDir>/printed-labels. */
export function demoPrinters(dataDir: string): Printer[] {
  const folder = path.join(dataDir, 'printed-labels')
  return [
    Printer.parse({
      id: 'demo-bag-labels',
      name: 'Demo: folder, bag labels 58×40',
      driver: 'folder',
      connection: folder,
      label: { widthMm: 58, heightMm: 40 },
      purposes: ['bag-label'],
    }),
    Printer.parse({
      id: 'demo-ozon-labels',
      name: 'Demo: folder, Ozon labels 75×120',
      driver: 'folder',
      connection: folder,
      label: { widthMm: 75, heightMm: 120 },
      purposes: ['ozon-label'],
    }),
  ]
}

export async function openPrinterRegistry(
  dataDir: string,
  ctx: DriverContext & { log: Logger },
): Promise<PrinterRegistry> {
  const doc: StoredDocument<PrintersData> = await openDocument(
    dataDir,
    { name: 'printers', version: 1, schema: PrintersData, defaults: () => ({ printers: demoPrinters(dataDir) }) },
    ctx.log,
  )
  const drivers = new Map<string, PrinterDriver>()

  const get = (id: string) => doc.data.printers.find((p) => p.id === id)
  const driver = (id: string) => {
    const printer = get(id)
    if (!printer) throw new PrinterConfigError(`there is no printer "${id}" any more; choose a printer in Settings → Printers`)
    let d = drivers.get(id)
    if (!d || d.printer !== printer) {
      d = createDriver(printer, ctx)
      drivers.set(id, d)
    }
    return d
  }

  return {
    list: () => doc.data.printers.map((p) => ({ ...p })),
    get: (id) => {
      const p = get(id)
      return p && { ...p }
    },
    async save(input) {
      const parsed = Printer.safeParse(input)
      if (!parsed.success) {
        const fields: Record<string, string> = {}
        for (const issue of parsed.error.issues) fields[issue.path.join('.') || 'printer'] ??= issue.message
        const summary = Object.entries(fields)
          .map(([f, m]) => `${f}: ${m}`)
          .join('; ')
        throw new PrinterConfigError(`printer "${input.name ?? input.id ?? '?'}" cannot be saved — ${summary}`, fields)
      }
      const printer = parsed.data
      const duplicateName = doc.data.printers.find((p) => p.id !== printer.id && p.name === printer.name)
      if (duplicateName) throw new PrinterConfigError(`another printer is already called "${printer.name}"; give this one another name`, { name: 'already used' })
      await doc.update((d) => {
        // A bench has one printer per purpose: giving this one a purpose takes it from the printer that had it.
        d.printers = d.printers.map((p) =>
          p.id !== printer.id && p.purposes.some((x) => printer.purposes.includes(x))
            ? { ...p, purposes: p.purposes.filter((x) => !printer.purposes.includes(x)) }
            : p,
        )
        const i = d.printers.findIndex((p) => p.id === printer.id)
        if (i >= 0) d.printers[i] = printer
        else d.printers.push(printer)
      })
      drivers.delete(printer.id)
      return { ...printer }
    },
    async remove(id) {
      await doc.update((d) => {
        d.printers = d.printers.filter((p) => p.id !== id)
      })
      drivers.delete(id)
    },
    forPurpose(purpose) {
      const p = doc.data.printers.find((x) => x.purposes.includes(purpose))
      return p && { ...p }
    },
    driver,
    async status(id) {
      const printer = get(id)
      if (!printer) {
        return {
          printerId: id,
          reachable: false,
          problems: ['offline'],
          paperLow: false,
          detailed: false,
          message: `no printer "${id}"`,
          checkedAt: (ctx.now ?? (() => new Date()))().toISOString(),
        }
      }
      return driver(id).status()
    },
  }
}
