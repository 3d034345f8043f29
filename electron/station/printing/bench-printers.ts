// The bench's printers as the settings screen edits them: the registry (electron/printing) behind the contract,
// with one rule added — which printer prints which labels is kept in two places that must agree: the printers'
// `purposes` (what the print queue and the labels area read) and the bench profile's `printers` (what travels
// with an exported profile). A choice made here is written to both; a profile imported or changed elsewhere that
// names a printer of this bench moves the purpose to it.
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { promisify } from 'node:util'
import type { PrinterDraft, PrintersView } from '../../../shared/contract/printing'
import { PRINTER_PURPOSES, type Printer, type PrinterInput, type PrinterPurpose, type PrinterStatus } from '../../../shared/domain/printers'
import type { PrinterRegistry, SystemPrintShell } from '../../printing'
import type { StationContext } from '../context'

const run = promisify(execFile)

export type Assignments = Record<PrinterPurpose, string | null>

export class BenchPrinters {
  /** One settings reconciliation at a time (they may be triggered by their own writes). */
  private syncing: Promise<void> = Promise.resolve()

  constructor(
    private readonly ctx: StationContext,
    readonly registry: PrinterRegistry,
    private readonly shell: SystemPrintShell | undefined,
  ) {}

  assignments(): Assignments {
    return { 'bag-label': this.registry.forPurpose('bag-label')?.id ?? null, 'ozon-label': this.registry.forPurpose('ozon-label')?.id ?? null }
  }

  view(): PrintersView {
    return {
      printers: this.registry.list(),
      assignments: this.assignments(),
      demoFolder: path.join(this.ctx.config.dataDir, 'printed-labels'),
      systemPrint: this.shell !== undefined,
    }
  }

  /** Adds or changes a printer; fields the draft leaves out keep what the printer had. */
  async save(draft: PrinterDraft): Promise<Printer> {
    const before = draft.id ? this.registry.get(draft.id) : undefined
    const input: PrinterInput = {
      id: draft.id ?? `printer-${randomUUID().slice(0, 8)}`,
      name: draft.name,
      driver: draft.driver,
      connection: draft.connection,
      label: { ...draft.label, gapMm: draft.label.gapMm ?? before?.label.gapMm },
      orientation: draft.orientation ?? before?.orientation,
      dpi: draft.dpi ?? before?.dpi,
      darkness: draft.darkness === null ? undefined : (draft.darkness ?? before?.darkness),
      speedIps: draft.speedIps === null ? undefined : (draft.speedIps ?? before?.speedIps),
      codePage: draft.codePage ?? before?.codePage,
      maxBandBytes: draft.maxBandBytes ?? before?.maxBandBytes,
      purposes: draft.purposes ?? before?.purposes ?? [],
    }
    const saved = await this.registry.save(input)
    await this.ctx.audit.append({
      ...this.ctx.actor(),
      action: before ? 'printing.printer_changed' : 'printing.printer_added',
      details: { printer: saved.id, name: saved.name, driver: saved.driver, connection: saved.connection, purposes: saved.purposes },
    })
    await this.changed()
    return saved
  }

  async remove(printerId: string): Promise<PrintersView> {
    const printer = this.registry.get(printerId)
    if (printer) {
      await this.registry.remove(printerId)
      await this.ctx.audit.append({ ...this.ctx.actor(), action: 'printing.printer_removed', details: { printer: printerId, name: printer.name } })
      await this.changed()
    }
    return this.view()
  }

  status(printerId: string): Promise<PrinterStatus> {
    return this.registry.status(printerId)
  }

  async systemPrinters(): Promise<{ cups: string[]; system: Array<{ name: string; isDefault: boolean; status: string }> }> {
    const [cups, system] = await Promise.all([cupsQueues(), this.shell ? this.shell.listPrinters().catch(() => []) : Promise.resolve([])])
    return { cups, system }
  }

  /** The profile names printers of this bench for some purposes: give them those purposes. */
  applyProfile(): Promise<void> {
    const next = this.syncing.then(async () => {
      const chosen = this.ctx.settings.data.bench.printers
      let moved = false
      for (const purpose of PRINTER_PURPOSES) {
        const id = chosen[purpose]
        const printer = id ? this.registry.get(id) : undefined
        if (printer && !printer.purposes.includes(purpose)) {
          await this.registry.save({ ...printer, purposes: [...printer.purposes, purpose] })
          moved = true
        }
      }
      await this.writeProfile()
      if (moved) this.ctx.events.emit('printing.printersChanged', { assignments: this.assignments() })
    })
    this.syncing = next.catch((err: unknown) => this.ctx.log.error('printing: the printers of the bench profile could not be applied', { error: String(err) }))
    return next
  }

  private async changed(): Promise<void> {
    await this.writeProfile()
    this.ctx.events.emit('printing.printersChanged', { assignments: this.assignments() })
  }

  /** The profile says what the printers say (an exported profile then carries this bench's choice). */
  private async writeProfile(): Promise<void> {
    const want = this.assignments()
    const have = this.ctx.settings.data.bench.printers
    if (have['bag-label'] === want['bag-label'] && have['ozon-label'] === want['ozon-label']) return
    await this.ctx.settings.update((d) => {
      d.bench.printers = want
    })
    this.ctx.events.emit('settings.changed', { part: 'profile' })
  }
}

/** CUPS queues on this computer (`lpstat -e`); none when CUPS is not installed. */
async function cupsQueues(): Promise<string[]> {
  try {
    const { stdout } = await run('lpstat', ['-e'], { timeout: 5_000 })
    return stdout
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
  } catch {
    return []
  }
}
