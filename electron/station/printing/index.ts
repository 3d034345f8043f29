// The printing area of the station: the printer registry and the journaled print queue (electron/printing) wired
// to the station — printers in the settings (status, test print), labels of selected postings as one job per
// printer, auto-print after packing (waiting for Ozon's labels without holding the packer), the history with
// "check the printer" and reprint with a reason, and the optional label check. Job changes reach the screens as
// `printing.jobChanged`.
import type { AttentionList } from '../../../shared/contract/printing'
import { LabelsChanged } from '../../../shared/contract/labels'
import { PackingShipped } from '../../../shared/contract/packing'
import { StationError } from '../../../shared/errors'
import { openDocument, type StoredDocument } from '../../store'
import { openPrinterRegistry, openPrintQueue, type DriverContext, type PrintQueue, type PrintQueueOptions, type SystemPrintShell } from '../../printing'
import type { Area, StationContext } from '../context'
import type { LabelsService } from '../labels'
import { AutoPrinter } from './auto-print'
import { batchPrinter } from './batch-print'
import { BenchPrinters } from './bench-printers'
import { printingBenchDocument, prune, type PrintingBenchData } from './document'
import { guarded } from './errors'
import { LabelChecks } from './label-checks'
import { labelSourceOf, type LabelSource } from './label-source'
import { printTestLabel } from './test-print'

export type PrintingMethod =
  | 'printing.printers'
  | 'printing.savePrinter'
  | 'printing.removePrinter'
  | 'printing.status'
  | 'printing.systemPrinters'
  | 'printing.testPrint'
  | 'printing.printLabels'
  | 'printing.history'
  | 'printing.attention'
  | 'printing.reprint'
  | 'printing.retry'
  | 'printing.dismiss'
  | 'printing.dismissAutoPrint'
  | 'printing.preview'
  | 'printing.autoPrints'
  | 'printing.resumeAutoPrint'
  | 'printing.labelCheck'
  | 'printing.checkLabel'
  | 'printing.skipLabelCheck'

export interface PrintingAreaOptions {
  /** Windows/system printers: the desktop shell's webContents.print (absent on the web host). */
  shell?: SystemPrintShell
  /** Tests: shorter retry waits and TCP timeouts. */
  queue?: Partial<Pick<PrintQueueOptions, 'retry' | 'dedupWindowMs' | 'archive'>>
  tcpTimeouts?: DriverContext['tcpTimeouts']
  /** Folder of the label fonts (test labels); resources/fonts of this checkout by default. */
  fontsDir?: string
}

export type PrintingArea = Area<PrintingMethod> & { queue: PrintQueue; printers: BenchPrinters; autoPrint: AutoPrinter }

/**
 * Subscribes to `packing.shipped` and `labels.changed` as soon as it is created — before any area starts — so the
 * events packing sends again while resuming an interrupted "Package the order" are not missed.
 */
export async function printingArea(ctx: StationContext, labels: LabelsService | LabelSource, opts: PrintingAreaOptions = {}): Promise<PrintingArea> {
  const source: LabelSource = 'directory' in labels ? labelSourceOf(labels) : labels
  const registry = await openPrinterRegistry(ctx.config.dataDir, { log: ctx.log, shell: opts.shell, tcpTimeouts: opts.tcpTimeouts, now: ctx.now })
  const queue = await openPrintQueue({ dataDir: ctx.config.dataDir, printers: registry, log: ctx.log, audit: ctx.audit, now: ctx.now, ...opts.queue })
  const doc: StoredDocument<PrintingBenchData> = await openDocument(ctx.config.dataDir, printingBenchDocument, ctx.log)
  await doc.update((d) => prune(d, ctx.now()))

  const printers = new BenchPrinters(ctx, registry, opts.shell)
  const printBatch = batchPrinter(ctx, { queue, printers: registry, labels: source })
  const checks = new LabelChecks(ctx, doc, (state) => ctx.events.emit('printing.labelCheckChanged', state))
  const autoPrint = new AutoPrinter(ctx, doc, queue, source, {
    changed: (plan) => ctx.events.emit('printing.autoPrintChanged', { plan }),
    queued: (_plan, _part, job) => void checks.jobChanged(job, doc.data.plans),
  })

  const background = (what: string, p: Promise<unknown>) =>
    void p.catch((err: unknown) => ctx.log.error(`printing: ${what} failed`, { error: String(err) }))
  const offQueue = queue.subscribe(({ job }) => {
    ctx.events.emit('printing.jobChanged', { job })
    background('the label check', checks.jobChanged(job, doc.data.plans))
  })
  const offEvents = ctx.events.subscribe((event, payload) => {
    if (event === 'packing.shipped') {
      const shipped = PackingShipped.safeParse(payload)
      if (shipped.success) background('auto-print after packing', autoPrint.shipped(shipped.data))
    } else if (event === 'labels.changed') {
      const changed = LabelsChanged.safeParse(payload)
      if (changed.success) autoPrint.labelsChanged(changed.data.items.map((i) => i.postingNumber))
    } else if (event === 'settings.changed' && (payload as { part?: string }).part === 'profile') {
      background('applying the printers of the bench profile', printers.applyProfile())
      checks.settingsChanged()
    }
  })

  const attention = (): AttentionList => ({
    jobs: queue.needsAttention().filter((j) => !doc.data.resolved[j.id]),
    autoPrints: autoPrint.needingAttention().filter((p) => !doc.data.resolved[`plan:${p.operationId}`]),
  })
  const resolve = async (key: string, how: 'dismissed' | 'reprinted', detail: string) => {
    const { operator } = ctx.actor()
    await doc.update((d) => {
      d.resolved[key] = { how, at: ctx.now().toISOString(), operator, detail }
    })
  }

  return {
    queue,
    printers,
    autoPrint,
    handlers: {
      'printing.printers': async () => printers.view(),
      'printing.savePrinter': (a) => guarded(() => printers.save(a.printer)),
      'printing.removePrinter': (a) => guarded(() => printers.remove(a.printerId)),
      'printing.status': (a) => printers.status(a.printerId),
      'printing.systemPrinters': () => printers.systemPrinters(),
      'printing.testPrint': (a) =>
        guarded(() => {
          const printer = registry.get(a.printerId)
          if (!printer) throw new StationError({ code: 'not_found', field: 'printerId', message: `There is no printer "${a.printerId}"; choose one in Settings → Printers` })
          return printTestLabel(ctx, queue, printer, opts.fontsDir)
        }),
      'printing.printLabels': (a) => guarded(() => printBatch(a)),
      'printing.history': async ({ limit, ...query }) => {
        const jobs = await queue.history({ ...query, limit })
        const resolved: Record<string, { how: 'dismissed' | 'reprinted'; at: string; detail: string }> = {}
        for (const j of jobs) {
          const r = doc.data.resolved[j.id]
          if (r) resolved[j.id] = { how: r.how, at: r.at, detail: r.detail }
        }
        return { jobs, resolved }
      },
      'printing.attention': async () => attention(),
      'printing.reprint': (a) =>
        guarded(async () => {
          const { operator, bench } = ctx.actor()
          const job = await queue.reprint(a.jobId, { reason: a.reason, printerId: a.printerId, operator, bench })
          await resolve(a.jobId, 'reprinted', job.id)
          return job
        }),
      'printing.retry': (a) => guarded(() => queue.retry(a.jobId)),
      'printing.dismiss': (a) =>
        guarded(async () => {
          const job = await queue.find(a.jobId)
          if (!job) throw new StationError({ code: 'not_found', field: 'jobId', message: `There is no print job ${a.jobId}` })
          await resolve(a.jobId, 'dismissed', a.note)
          await ctx.audit.append({ ...ctx.actor(), action: 'printing.job_dismissed', postingNumber: job.postingNumbers[0], details: { job: job.id, state: job.state, note: a.note } })
          return attention()
        }),
      'printing.dismissAutoPrint': (a) =>
        guarded(async () => {
          const plan = autoPrint.plan(a.operationId)
          if (!plan) throw new StationError({ code: 'not_found', field: 'operationId', message: `There is no auto-print of operation ${a.operationId}` })
          await resolve(`plan:${plan.operationId}`, 'dismissed', a.note)
          await ctx.audit.append({ ...ctx.actor(), action: 'printing.auto_print_dismissed', postingNumber: plan.postingNumber, details: { operation: plan.operationId, note: a.note } })
          return attention()
        }),
      'printing.preview': (a) => guarded(async () => ({ pngs: (await queue.preview(a.jobId))?.map((b) => b.toString('base64')) ?? null })),
      'printing.autoPrints': async (a) => ({ plans: autoPrint.plans(a.limit) }),
      'printing.resumeAutoPrint': (a) =>
        guarded(async () => {
          await doc.update((d) => {
            delete d.resolved[`plan:${a.operationId}`]
          })
          return autoPrint.resume(a.operationId)
        }),
      'printing.labelCheck': async () => checks.state(),
      'printing.checkLabel': (a) => guarded(() => checks.scan(a.code)),
      'printing.skipLabelCheck': (a) => guarded(() => checks.skip(a.reason)),
    },
    async start() {
      await printers.applyProfile()
      autoPrint.start()
    },
    async close() {
      offEvents()
      offQueue()
      await autoPrint.close()
      await queue.close()
    },
  }
}
