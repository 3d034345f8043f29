// What the labels area does for the contract and for the printing area: label status per package, the bag
// label's layout in the bench's size, a preview of Ozon's label, merged PDFs in package order, "try again now".
import { readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import type { PackingShipped } from '../../../shared/contract/packing'
import type { BagLabelPreview, LabelBatch, LabelChoice, LabelStatusList, OzonLabelPreview, OzonLabelStatus } from '../../../shared/contract/labels'
import { StationError } from '../../../shared/errors'
import { LabelError, type LabelLayout } from '../../../shared/domain/label-layout'
import { previewPngs } from '../../printing'
import { writeFileDurably, type StoredDocument } from '../../store'
import type { StationContext } from '../context'
import { postingKey } from '../orders/document'
import { DEFAULT_STOCK, ozonSizeForStock, type BenchStockSource, type StockOfPurpose } from './bench-stock'
import type { LabelRecord, LabelsData } from './document'
import { bagLabelLayouts, buildBatch, type BagLabelSettings, type BuiltBatch } from './label-batch'
import type { OzonLabelFetcher, TrackedPackage } from './ozon-label-fetcher'
import type { OzonLabelFiles } from './ozon-label-files'
import { PackageDirectory, type PackageRef } from './packages'

/** Ozon's label sizes on paper (the sandbox and the community agree; Ozon's docs give none). */
export const OZON_LABEL_MM = { big: { widthMm: 75, heightMm: 120 }, small: { widthMm: 58, heightMm: 40 } } as const
/** Batch PDFs kept in <dataDir>/labels/batches (the newest ones). */
const BATCHES_KEPT = 30

export class LabelsService {
  readonly directory: PackageDirectory
  private readonly batchesDir: string

  constructor(
    private readonly ctx: StationContext,
    private readonly doc: StoredDocument<LabelsData>,
    private readonly files: OzonLabelFiles,
    private readonly fetcher: OzonLabelFetcher,
    private readonly stock: BenchStockSource,
    private readonly fontsDir?: string,
  ) {
    this.directory = new PackageDirectory(ctx, () => doc.data)
    this.batchesDir = path.join(ctx.config.dataDir, 'labels', 'batches')
  }

  // ─── Tracking Ozon's labels ──────────────────────────────────────────────────────────────────────────────

  /** A posting was packed here: wait for Ozon's label of every package. */
  async packed(event: PackingShipped): Promise<void> {
    const packages: TrackedPackage[] = []
    for (const p of event.packages) {
      const ref = { accountId: event.accountId, postingNumber: p.postingNumber }
      packages.push({
        ...ref,
        orderNumber: event.orderNumber,
        packageIndex: p.index,
        packageCount: p.count,
        packedAt: event.packedAt,
        size: await this.ozonSize(ref, { accountId: event.accountId, postingNumber: event.postingNumber }),
        source: 'packed',
      })
    }
    await this.fetcher.track(packages)
  }

  /** Ozon's label size for a package: the warehouse's choice, else what the bench's Ozon-label printer holds. */
  async ozonSize(ref: PackageRef, original?: PackageRef): Promise<'big' | 'small'> {
    const byWarehouse = this.directory.warehouseLabelSize(ref) ?? (original ? this.directory.warehouseLabelSize(original) : null)
    return byWarehouse ?? ozonSizeForStock(await this.stock('ozon-label'))
  }

  /** Starts tracking packages nobody told the fetcher about (a batch asked for them, or found in the journal). */
  async ensureTracked(refs: PackageRef[], source: 'asked' | 'journal', packedAt?: string): Promise<void> {
    const unknown = refs.filter((r) => !this.fetcher.get(r.accountId, r.postingNumber))
    if (unknown.length === 0) return
    const now = this.ctx.now().toISOString()
    const packages: TrackedPackage[] = []
    for (const ref of unknown) {
      const posting = this.directory.posting(ref)
      packages.push({
        ...ref,
        orderNumber: posting?.orderNumber ?? ref.postingNumber.replace(/-\d+$/, ''),
        ...this.directory.packageOf(ref),
        packedAt: packedAt ?? now,
        size: await this.ozonSize(ref),
        source,
      })
    }
    await this.fetcher.track(packages)
  }

  // ─── Contract ────────────────────────────────────────────────────────────────────────────────────────────

  status(args: { postingNumbers?: string[]; accountId?: string; limit: number }): LabelStatusList {
    const records = Object.values(this.doc.data.records)
    let items: LabelRecord[]
    if (args.postingNumbers) {
      const keys = this.directory.resolve(args.postingNumbers, args.accountId).map((r) => postingKey(r.accountId, r.postingNumber))
      items = keys.map((k) => this.doc.data.records[k]).filter((r): r is LabelRecord => !!r)
    } else {
      items = records
        .filter((r) => !args.accountId || r.accountId === args.accountId)
        .sort((a, b) => b.packedAt.localeCompare(a.packedAt) || a.orderNumber.localeCompare(b.orderNumber) || a.packageIndex - b.packageIndex)
        .slice(0, args.limit)
    }
    return { now: this.ctx.now().toISOString(), items: items.map(statusOf), choice: this.choice() }
  }

  async retry(args: { postingNumbers: string[]; accountId?: string }): Promise<LabelStatusList> {
    const refs = this.directory.resolve(args.postingNumbers, args.accountId)
    await this.ensureTracked(refs, 'asked')
    await this.fetcher.retry(refs.map((r) => postingKey(r.accountId, r.postingNumber)))
    return this.status({ postingNumbers: refs.map((r) => r.postingNumber), accountId: args.accountId, limit: refs.length })
  }

  async layout(args: { postingNumber: string; accountId?: string }): Promise<BagLabelPreview> {
    const [ref] = this.directory.resolve([args.postingNumber], args.accountId)
    if (!this.directory.posting(ref!)) {
      throw new StationError({
        code: 'not_found',
        message: `Posting ${ref!.postingNumber} is not in the station's data; sync the orders first`,
        params: { postingNumber: ref!.postingNumber },
      })
    }
    const settings = await this.bagSettings()
    const [layout] = await bagLabelLayouts(this.directory, [ref!], settings)
    if (typeof layout === 'string') throw labelProblem(ref!.postingNumber, layout)
    return { postingNumber: ref!.postingNumber, layout: layout!, stock: { widthMm: layout!.widthMm, heightMm: layout!.heightMm, dpi: settings.stock.dpi } }
  }

  async ozonPreview(args: { postingNumber: string; accountId?: string }): Promise<OzonLabelPreview> {
    const [ref] = this.directory.resolve([args.postingNumber], args.accountId)
    const label = await this.ozonLabel(ref!)
    if (typeof label === 'string') throw new StationError({ code: 'conflict', message: label, params: { postingNumber: ref!.postingNumber } })
    const record = this.fetcher.get(ref!.accountId, ref!.postingNumber)
    const size = record?.size ?? 'big'
    const stock = (await this.stock('ozon-label')) ?? DEFAULT_STOCK['ozon-label']
    const [png] = await previewPngs(label, { label: { ...OZON_LABEL_MM[size], gapMm: 0 }, dpi: stock.dpi, orientation: 'portrait' }, { pages: [1] })
    return { postingNumber: ref!.postingNumber, size, ...OZON_LABEL_MM[size], dpi: stock.dpi, pngBase64: png!.toString('base64') }
  }

  async batch(args: { postingNumbers: string[]; accountId?: string; choice?: LabelChoice; save: boolean }): Promise<LabelBatch> {
    const choice = args.choice ?? this.choice()
    const built = await this.build(this.directory.resolve(args.postingNumbers, args.accountId), choice)
    const file = built.pdf && args.save ? await this.saveBatch(built.pdf, built.pages.length) : null
    return {
      pdfBase64: built.pdf ? Buffer.from(built.pdf).toString('base64') : '',
      file,
      pages: built.pages,
      missing: built.missing,
      choice,
    }
  }

  // ─── For the printing area ───────────────────────────────────────────────────────────────────────────────

  /**
   * The PDF of these packages' labels in package order (Ozon's label / bag label / both, the bench's choice by
   * default), with what was left out and why. Ozon's labels not yet fetched are asked for first.
   */
  async build(refs: PackageRef[], choice: LabelChoice = this.choice()): Promise<BuiltBatch> {
    if (choice !== 'bag') {
      await this.ensureTracked(refs, 'asked')
      await this.fetcher.fetchNow(refs.map((r) => postingKey(r.accountId, r.postingNumber)))
    }
    return buildBatch(this.directory, refs, choice, { ozonLabel: (r) => this.ozonLabel(r), bag: await this.bagSettings() })
  }

  /** The bag labels' layouts of these packages in the bench's size (what raw printers draw), or each one's problem. */
  async bagLayouts(refs: PackageRef[]): Promise<Array<LabelLayout | string>> {
    return bagLabelLayouts(this.directory, refs, await this.bagSettings())
  }

  /** Ozon's cached label of a package, or a sentence saying why there is none yet. */
  async ozonLabel(ref: PackageRef): Promise<Uint8Array | string> {
    const record = this.fetcher.get(ref.accountId, ref.postingNumber)
    if (record?.state === 'ready') {
      const bytes = await this.files.read(ref.postingNumber)
      if (bytes) return bytes
    }
    if (!record) return `Ozon's label of ${ref.postingNumber} was never asked for`
    if (record.state === 'failed') return `Ozon did not give the label of ${ref.postingNumber}: ${record.reason?.message ?? 'no reason given'}`
    return `Ozon's label of ${ref.postingNumber} is not ready yet${record.reason ? ` (${record.reason.message})` : ''}`
  }

  choice(): LabelChoice {
    return this.ctx.settings.data.bench.labelsPerPackage
  }

  private async bagSettings(): Promise<BagLabelSettings> {
    const bench = this.ctx.settings.data.bench
    const stock: StockOfPurpose = (await this.stock('bag-label')) ?? DEFAULT_STOCK['bag-label']
    return { stock, locale: bench.language, timeZone: bench.timeZone, fontsDir: this.fontsDir }
  }

  private async saveBatch(pdf: Uint8Array, pages: number): Promise<string> {
    const stamp = this.ctx.now().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
    const file = path.join(this.batchesDir, `labels-${stamp}-${pages}p-${process.hrtime.bigint() % 1000n}.pdf`)
    await writeFileDurably(file, pdf)
    const names = (await readdir(this.batchesDir)).filter((n) => n.endsWith('.pdf')).sort()
    for (const old of names.slice(0, Math.max(0, names.length - BATCHES_KEPT))) await rm(path.join(this.batchesDir, old), { force: true })
    return file
  }
}

export function statusOf(r: LabelRecord): OzonLabelStatus {
  const { source: _source, ...status } = r
  return status
}

function labelProblem(postingNumber: string, message: string): StationError {
  return new StationError({ code: 'invalid_args', field: 'postingNumber', message, params: { postingNumber } })
}

/** A LabelError thrown outside the per-package checks, as an error a person can act on. */
export function fromLabelError(err: unknown): unknown {
  if (err instanceof LabelError) return new StationError({ code: 'invalid_args', field: err.field, message: err.message })
  return err
}
