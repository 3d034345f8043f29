// The labels area: Ozon's official label of every package fetched in the background after packing (and on start
// for packages still without one), cached in <dataDir>/labels/ozon; the station's bag label laid out in the
// bench's size for the preview; merged PDFs in package order for a batch; and `labels.changed` events so the
// screens show "waiting / ready / failed" and printing can start when a label arrives.
import { PackingShipped } from '../../../shared/contract/packing'
import { openDocument } from '../../store'
import type { Area, StationContext } from '../context'
import { printersFileStock, type BenchStockSource } from './bench-stock'
import { labelsDocument, RECORD_RETENTION_DAYS } from './document'
import { OzonLabelFetcher, type FetcherOptions } from './ozon-label-fetcher'
import { OzonLabelFiles } from './ozon-label-files'
import { packagesFromShipJournal } from './packages'
import { fromLabelError, LabelsService, statusOf } from './service'

export type LabelsMethod = 'labels.status' | 'labels.layout' | 'labels.ozonPreview' | 'labels.batch' | 'labels.retry'

export interface LabelsAreaOptions {
  fetcher?: FetcherOptions
  /** Where the bench's label stock comes from (default: <dataDir>/printers.json as printing keeps it). */
  stock?: BenchStockSource
  /** Folder of the label fonts (default: resources/fonts of this checkout). */
  fontsDir?: string
}

export type LabelsArea = Area<LabelsMethod> & { service: LabelsService }

export { LabelsService } from './service'
export type { BuiltBatch, BatchPage, MissingLabel } from './label-batch'
export type { PackageRef } from './packages'

/** Packages packed this long ago or less, found in the ship journal without a label record, are fetched at start. */
const JOURNAL_LOOKBACK_MS = 3 * 86_400_000
/** Cached label files are kept this long. */
const FILE_RETENTION_DAYS = 30

/**
 * Subscribes to `packing.shipped` as soon as it is created — before any area starts — so the events packing sends
 * again while resuming an interrupted "Package the order" are not missed.
 */
export async function labelsArea(ctx: StationContext, opts: LabelsAreaOptions = {}): Promise<LabelsArea> {
  const doc = await openDocument(ctx.config.dataDir, labelsDocument, ctx.log)
  const files = new OzonLabelFiles(ctx.config.dataDir)
  const fetcher = new OzonLabelFetcher(ctx, doc, files, opts.fetcher ?? {}, (records) =>
    ctx.events.emit('labels.changed', { items: records.map(statusOf) }),
  )
  const service = new LabelsService(ctx, doc, files, fetcher, opts.stock ?? printersFileStock(ctx.config.dataDir), opts.fontsDir)

  const pending = new Set<Promise<unknown>>()
  const background = (what: string, p: Promise<unknown>) => {
    const tracked = p.catch((err: unknown) => ctx.log.error(`labels: ${what} failed`, { error: String(err) })).finally(() => pending.delete(tracked))
    pending.add(tracked)
  }
  const unsubscribe = ctx.events.subscribe((event, payload) => {
    if (event !== 'packing.shipped') return
    const shipped = PackingShipped.safeParse(payload)
    if (shipped.success) background('tracking packed postings', service.packed(shipped.data))
  })

  const call = async <T>(run: () => Promise<T> | T): Promise<T> => {
    try {
      return await run()
    } catch (err) {
      throw fromLabelError(err)
    }
  }

  return {
    service,
    handlers: {
      'labels.status': (a) => call(() => service.status(a)),
      'labels.layout': (a) => call(() => service.layout(a)),
      'labels.ozonPreview': (a) => call(() => service.ozonPreview(a)),
      'labels.batch': (a) => call(() => service.batch(a)),
      'labels.retry': (a) => call(() => service.retry(a)),
    },
    async start() {
      await fetcher.reconcile(RECORD_RETENTION_DAYS)
      // Packed here but never noted (the station stopped between packing and the label record): fetch those too.
      const since = ctx.now().getTime() - JOURNAL_LOOKBACK_MS
      const unnoted = packagesFromShipJournal(ctx, since).filter((p) => !fetcher.get(p.accountId, p.postingNumber))
      await fetcher.track(await Promise.all(unnoted.map(async (p) => ({ ...p, size: await service.ozonSize(p), source: 'journal' as const }))))
      fetcher.start()
      background('pruning old label files', files.prune(FILE_RETENTION_DAYS, ctx.now()))
    },
    async close() {
      unsubscribe()
      await Promise.all(pending)
      await fetcher.close()
    },
  }
}
