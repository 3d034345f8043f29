// The dispatch screen's work: open a batch for a delivery method and day, check every scanned package into it,
// close it (re-checking old data with Ozon, recording who handed what to whom, making the manifest, starting the
// carriage or the move to delivering), reprint manifests, search the history.
import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import type { BatchSummary, BatchView, DispatchDocument, DispatchOption, DispatchScanOutcome, SplitInfo } from '../../../shared/contract/dispatch'
import { batchLabel, closeBlockers, handoverKindOf, needsRecheck, refuseScan, type BatchScope, type ClosePackage } from '../../../shared/domain/dispatch'
import { SplitGroups, splitProgress, byPackageNumber } from '../../../shared/domain/dispatch-groups'
import { unitCount, type Posting } from '../../../shared/domain/posting'
import { localDateOf } from '../../../shared/domain/time-zone'
import { trackingBlock } from '../../../shared/domain/tracking'
import { StationError } from '../../../shared/errors'
import { renderManifestPdf, type ManifestInput, type ManifestLanguage } from '../../labels/manifest'
import { OzonError } from '../../ozon'
import { requireAccount, type Account } from '../accounts'
import type { StationContext } from '../context'
import { postingKey } from '../orders/document'
import { postingFromOzon } from '../orders/from-ozon'
import type { TrackingService } from '../tracking'
import type { Batch } from './document'
import type { Handover, MoveStep } from './handover'
import { resolveScan } from './resolve'
import type { BatchStore } from './store'

export interface DispatchServiceOptions {
  /** How long close / refresh wait for Ozon's part before answering with what is known. */
  answerWaitMs?: number
  /** Posting data older than this is read again from Ozon at close. */
  recheckAfterMs?: number
  fontsDir?: string
}

const RECHECK_CONCURRENCY = 4

export class DispatchService {
  private readonly queues = new Map<string, Promise<unknown>>()

  constructor(
    private readonly ctx: StationContext,
    private readonly store: BatchStore,
    private readonly tracking: TrackingService,
    private readonly handover: Handover,
    private readonly opts: DispatchServiceOptions = {},
  ) {}

  private get timeZone(): string {
    return this.ctx.settings.data.bench.timeZone
  }

  today(): string {
    return localDateOf(this.ctx.now(), this.timeZone)
  }

  /** One thing at a time per batch: two scans, or a scan and a close, never interleave. */
  private serial<T>(batchId: string, work: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(batchId) ?? Promise.resolve()).then(work)
    this.queues.set(
      batchId,
      run.catch(() => undefined),
    )
    return run
  }

  private emit(batchId: string, what: 'opened' | 'scan' | 'removed' | 'closed' | 'handover' | 'discarded'): void {
    this.ctx.events.emit('dispatch.changed', { batchId, what })
  }

  private posting(accountId: string, postingNumber: string): Posting | undefined {
    return this.ctx.orders.data.postings[postingKey(accountId, postingNumber)]
  }

  /** The batch (not discarded) holding a posting, other than `except`. */
  batchOf(accountId: string, postingNumber: string, except?: string): Batch | undefined {
    return this.store.data.batches.find((b) => b.id !== except && b.state !== 'discarded' && b.accountId === accountId && b.packages.some((p) => p.postingNumber === postingNumber))
  }

  /** Every posting already in a batch (not discarded), for going over all postings at once. */
  private batched(): Set<string> {
    const out = new Set<string>()
    for (const b of this.store.data.batches) if (b.state !== 'discarded') for (const p of b.packages) out.add(postingKey(p.accountId, p.postingNumber))
    return out
  }

  /** For the tracking area: a package handed over in a closed batch keeps its number. */
  handedOverIn(accountId: string, postingNumber: string): string | null {
    const b = this.store.data.batches.find((x) => x.state === 'closed' && x.accountId === accountId && x.packages.some((p) => p.postingNumber === postingNumber))
    return b ? batchLabel(b) : null
  }

  private groups(accountId: string): SplitGroups {
    const postings = Object.values(this.ctx.orders.data.postings).filter((p) => p.accountId === accountId)
    return new SplitGroups(postings, this.store.data.splits.filter((s) => s.accountId === accountId))
  }

  // ─── choosing and opening a batch ──────────────────────────────────────────────────────────────────────

  options(departureDate = this.today()): { departureDate: string; options: DispatchOption[] } {
    const byMethod = new Map<string, DispatchOption>()
    const batched = this.batched()
    for (const p of Object.values(this.ctx.orders.data.postings)) {
      if (p.status !== 'awaiting_deliver' || batched.has(postingKey(p.accountId, p.postingNumber))) continue
      const key = `${p.accountId}/${p.deliveryMethod.id}`
      const o = byMethod.get(key) ?? {
        accountId: p.accountId,
        deliveryMethod: p.deliveryMethod,
        carrier: p.carrier,
        warehouse: p.warehouse,
        integrationType: p.integrationType,
        ready: 0,
        blocked: 0,
        openBatchId: null,
      }
      o.ready++
      if (trackingBlock(this.tracking.statusOf(p))) o.blocked++
      byMethod.set(key, o)
    }
    for (const b of this.store.data.batches) {
      if (b.state !== 'open' || b.departureDate !== departureDate) continue
      const key = `${b.accountId}/${b.deliveryMethod.id}`
      const o = byMethod.get(key) ?? { ...scopeOf(b), integrationType: b.integrationType, ready: 0, blocked: 0, openBatchId: null }
      o.openBatchId = b.id
      byMethod.set(key, o)
    }
    const options = [...byMethod.values()].sort((a, b) => a.carrier.name.localeCompare(b.carrier.name) || a.deliveryMethod.name.localeCompare(b.deliveryMethod.name))
    return { departureDate, options }
  }

  async open(args: { deliveryMethodId: string; accountId?: string; departureDate?: string }): Promise<BatchView> {
    const date = args.departureDate ?? this.today()
    const scope = this.scopeFor(args.deliveryMethodId, args.accountId)
    // A removed account's postings are read-only: no batch is opened (or taken up again) for them.
    requireAccount(this.ctx.accounts, scope.accountId)
    const existing = this.store.data.batches.find((b) => b.state === 'open' && b.accountId === scope.accountId && b.deliveryMethod.id === scope.deliveryMethod.id && b.departureDate === date)
    if (existing) return this.view(existing)
    const { operator, bench } = this.ctx.actor()
    const seq = this.store.data.batches.filter((b) => b.departureDate === date).length + 1
    const batch = await this.store.add({
      id: randomUUID(),
      seq,
      ...scope.scope,
      integrationType: scope.integrationType,
      departureDate: date,
      state: 'open',
      createdAt: this.ctx.now().toISOString(),
      createdBy: { operator, bench },
      packages: [],
      closedAt: null,
      closedBy: null,
      courierName: '',
      closeNote: '',
      manifest: null,
      handover: null,
      actFile: null,
    })
    await this.ctx.audit.append({ operator, bench, action: 'dispatch.opened', details: { batchId: batch.id, batch: batchLabel(batch), carrier: batch.carrier.name, deliveryMethod: batch.deliveryMethod.name } })
    this.emit(batch.id, 'opened')
    return this.view(batch)
  }

  /** Carrier, warehouse and scheme of a delivery method: from a posting of it, else from the reference data. */
  private scopeFor(deliveryMethodId: string, accountId?: string): { scope: BatchScope; integrationType: string; accountId: string; deliveryMethod: { id: string } } {
    const postings = Object.values(this.ctx.orders.data.postings).filter((p) => p.deliveryMethod.id === deliveryMethodId && (!accountId || p.accountId === accountId))
    const accounts = new Set(postings.map((p) => p.accountId))
    if (accounts.size > 1) {
      throw new StationError({ code: 'invalid_args', message: `Delivery method ${deliveryMethodId} exists in several Ozon accounts — say which one`, field: 'accountId', key: 'dispatch:errors.ambiguousMethod', params: { deliveryMethodId } })
    }
    const sample = postings.find((p) => p.status === 'awaiting_deliver') ?? postings[0]
    if (sample) {
      const scope: BatchScope = { accountId: sample.accountId, carrier: sample.carrier, warehouse: sample.warehouse, deliveryMethod: sample.deliveryMethod }
      return { scope, integrationType: sample.integrationType, accountId: sample.accountId, deliveryMethod: sample.deliveryMethod }
    }
    const dm = this.ctx.orders.data.deliveryMethods.find((d) => d.id === deliveryMethodId && (!accountId || d.accountId === accountId))
    if (!dm) {
      throw new StationError({ code: 'not_found', message: `The station knows no delivery method ${deliveryMethodId} — sync the orders first`, key: 'dispatch:errors.noMethod', params: { deliveryMethodId } })
    }
    const wh = this.ctx.orders.data.warehouses.find((w) => w.id === dm.warehouseId && w.accountId === dm.accountId)
    const scope: BatchScope = {
      accountId: dm.accountId,
      carrier: { id: dm.carrierId ?? '', name: dm.name },
      warehouse: { id: dm.warehouseId, name: wh?.name ?? dm.warehouseId },
      deliveryMethod: { id: dm.id, name: dm.name },
    }
    return { scope, integrationType: dm.integrationType ?? '', accountId: dm.accountId, deliveryMethod: scope.deliveryMethod }
  }

  // ─── scanning ──────────────────────────────────────────────────────────────────────────────────────────

  scan(batchId: string, code: string): Promise<{ outcome: DispatchScanOutcome; batch: BatchView }> {
    return this.serial(batchId, async () => {
      const batch = this.mustBeOpen(batchId)
      requireAccount(this.ctx.accounts, batch.accountId)
      const { operator, bench } = this.ctx.actor()
      const resolved = await resolveScan(this.ctx, this.tracking, code, batch.accountId)
      const scanned = code.replace(/\s+/g, '')
      if (!resolved.found) {
        await this.ctx.audit.append({ operator, bench, action: 'dispatch.scan_refused', details: { batchId, code: scanned, reason: resolved.reason } })
        const outcome: DispatchScanOutcome = { ok: false, code: resolved.reason, scanned, postingNumber: null, message: resolved.message, params: { code: scanned }, split: null }
        return { outcome, batch: this.view(batch) }
      }
      const posting = resolved.posting
      const status = this.tracking.statusOf(posting)
      const other = this.batchOf(posting.accountId, posting.postingNumber, batch.id)
      const refusal = refuseScan({
        scope: scopeOf(batch),
        posting,
        tracking: status,
        inThisBatch: batch.packages.some((p) => p.postingNumber === posting.postingNumber && p.accountId === posting.accountId),
        otherBatch: other ? { id: other.id, label: batchLabel(other) } : null,
      })
      let current = batch
      if (refusal) {
        await this.ctx.audit.append({ operator, bench, action: 'dispatch.scan_refused', postingNumber: posting.postingNumber, details: { batchId, code: scanned, reason: refusal.code } })
      } else {
        current = await this.store.change(batchId, (b) => {
          b.packages.push({
            accountId: posting.accountId,
            postingNumber: posting.postingNumber,
            orderNumber: posting.orderNumber,
            trackingNumber: status.trackingNumber,
            units: unitCount(posting),
            via: resolved.via,
            scannedAt: this.ctx.now().toISOString(),
            operator,
          })
        })
        await this.ctx.audit.append({ operator, bench, action: 'dispatch.scanned', postingNumber: posting.postingNumber, details: { batchId, code: scanned, via: resolved.via } })
        this.emit(batchId, 'scan')
      }
      const group = this.groups(posting.accountId).groupOf(posting.accountId, posting.postingNumber)
      const split = group.members.length > 1 ? splitProgress(group, new Set(current.packages.map((p) => p.postingNumber))) : null
      const outcome: DispatchScanOutcome = refusal
        ? { ok: false, code: refusal.code, scanned, postingNumber: posting.postingNumber, message: refusal.message, params: refusal.params, split }
        : {
            ok: true,
            code: 'added',
            scanned,
            postingNumber: posting.postingNumber,
            message: split && !split.complete ? `${posting.postingNumber} added — order ${split.orderNumber}: ${split.scanned} of ${split.total} packages scanned` : `${posting.postingNumber} added`,
            params: { postingNumber: posting.postingNumber, count: current.packages.length },
            split,
          }
      return { outcome, batch: this.view(current) }
    })
  }

  remove(batchId: string, postingNumber: string, reason: string): Promise<BatchView> {
    return this.serial(batchId, async () => {
      const batch = this.mustBeOpen(batchId)
      if (!batch.packages.some((p) => p.postingNumber === postingNumber)) {
        throw new StationError({ code: 'not_found', message: `${postingNumber} is not in batch ${batchLabel(batch)}`, key: 'dispatch:errors.notInBatch', params: { postingNumber, batch: batchLabel(batch) } })
      }
      const updated = await this.store.change(batchId, (b) => {
        b.packages = b.packages.filter((p) => p.postingNumber !== postingNumber)
      })
      const { operator, bench } = this.ctx.actor()
      await this.ctx.audit.append({ operator, bench, action: 'dispatch.removed', postingNumber, details: { batchId, batch: batchLabel(batch), reason } })
      this.emit(batchId, 'removed')
      return this.view(updated)
    })
  }

  discard(batchId: string, reason: string): Promise<BatchView> {
    return this.serial(batchId, async () => {
      const batch = this.mustBeOpen(batchId)
      const updated = await this.store.change(batchId, (b) => {
        b.state = 'discarded'
        b.closeNote = reason
        b.closedAt = this.ctx.now().toISOString()
        b.closedBy = this.ctx.actor()
      })
      const { operator, bench } = this.ctx.actor()
      await this.ctx.audit.append({ operator, bench, action: 'dispatch.discarded', details: { batchId, batch: batchLabel(batch), packages: batch.packages.map((p) => p.postingNumber), reason } })
      this.emit(batchId, 'discarded')
      return this.view(updated)
    })
  }

  // ─── closing ───────────────────────────────────────────────────────────────────────────────────────────

  close(args: { batchId: string; courierName: string; language: ManifestLanguage; overrideReason?: string }): Promise<BatchView> {
    return this.serial(args.batchId, async () => {
      const batch = this.mustBeOpen(args.batchId)
      const account = requireAccount(this.ctx.accounts, batch.accountId)
      const stale = await this.recheck(batch, account)
      const blockers = this.blockersOf(batch, this.splitsOf(batch), stale)
      const hard = blockers.filter((b) => !b.overridable)
      if (hard.length > 0) {
        throw new StationError({
          code: 'conflict',
          message: `Batch ${batchLabel(batch)} cannot be closed: ${hard.map((b) => b.message).join('; ')}`,
          key: 'dispatch:errors.cannotClose',
          params: { batch: batchLabel(batch), count: hard.length },
          details: { blockers },
        })
      }
      const reason = args.overrideReason?.trim() ?? ''
      if (blockers.length > 0 && reason === '') {
        throw new StationError({
          code: 'conflict',
          message: `Batch ${batchLabel(batch)}: ${blockers.map((b) => b.message).join('; ')} — close anyway only with a reason`,
          key: 'dispatch:errors.needsOverride',
          params: { batch: batchLabel(batch), count: blockers.length },
          details: { blockers },
        })
      }
      const who = this.ctx.actor()
      const closedAt = this.ctx.now().toISOString()
      const kind = handoverKindOf(batch.integrationType)
      const closed = await this.store.change(batch.id, (b) => {
        b.state = 'closed'
        b.closedAt = closedAt
        b.closedBy = who
        b.courierName = args.courierName
        b.closeNote = blockers.length > 0 ? reason : ''
        // Package rows keep the number they are handed over with (the manifest prints it).
        for (const p of b.packages) {
          const posting = this.posting(p.accountId, p.postingNumber)
          if (posting) p.trackingNumber = this.tracking.statusOf(posting).trackingNumber
        }
        b.handover = { kind, state: 'pending', message: '', carriageId: null, actStatus: null, addedToAct: [], nextCarriage: [], notScanned: [], hasActPdf: false, moves: [] }
      })
      await this.ctx.audit.append({
        operator: who.operator,
        bench: who.bench,
        action: 'dispatch.closed',
        details: {
          batchId: batch.id,
          batch: batchLabel(batch),
          carrier: batch.carrier.name,
          deliveryMethod: batch.deliveryMethod.name,
          warehouse: batch.warehouse.name,
          courier: args.courierName,
          packages: closed.packages.map((p) => p.postingNumber),
          ...(closed.closeNote ? { override: closed.closeNote, warnings: blockers.map((b) => b.code) } : {}),
        },
      })
      this.emit(batch.id, 'closed')
      // Ozon first (briefly): the manifest then carries the carriage number when Ozon gave one.
      await this.waitFor(this.handover.begin(closed))
      await this.ensureManifest(this.store.get(batch.id), args.language).catch((err: unknown) => this.ctx.log.error('dispatch: manifest not made at close', { batchId: batch.id, error: String(err) }))
      return this.view(this.store.get(batch.id))
    })
  }

  /** Reads packages whose data is older than a few minutes again from Ozon; returns those it could not read. */
  private async recheck(batch: Batch, account: Account): Promise<Set<string>> {
    const now = this.ctx.now().getTime()
    const due = batch.packages.filter((pkg) => {
      const p = this.posting(pkg.accountId, pkg.postingNumber)
      return !p || needsRecheck(p, now, this.opts.recheckAfterMs)
    })
    const stale = new Set<string>()
    const fresh: Posting[] = []
    const queue = [...due]
    const worker = async () => {
      for (let pkg = queue.shift(); pkg; pkg = queue.shift()) {
        try {
          fresh.push(postingFromOzon(await account.client.getPosting(pkg.postingNumber, { productExemplars: false }), account.id, this.ctx.now().toISOString()))
        } catch (err) {
          if (!(err instanceof OzonError)) this.ctx.log.warn('dispatch: re-check failed', { postingNumber: pkg.postingNumber, error: String(err) })
          stale.add(pkg.postingNumber)
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(RECHECK_CONCURRENCY, due.length) }, worker))
    if (fresh.length > 0) {
      await this.ctx.orders.update((d) => {
        for (const p of fresh) d.postings[postingKey(p.accountId, p.postingNumber)] = p
      })
    }
    return stale
  }

  private blockersOf(batch: Batch, splits: SplitInfo[], stale: ReadonlySet<string> = new Set()) {
    const packages: ClosePackage[] = []
    const unknown: string[] = []
    for (const pkg of batch.packages) {
      const posting = this.posting(pkg.accountId, pkg.postingNumber)
      if (!posting) unknown.push(pkg.postingNumber)
      else packages.push({ posting, tracking: this.tracking.statusOf(posting), stale: stale.has(pkg.postingNumber) })
    }
    const blockers = closeBlockers(scopeOf(batch), packages, splits)
    for (const n of unknown) {
      blockers.push({ code: 'stale', postingNumber: n, message: `${n} is no longer in the station's data and Ozon could not be asked`, params: { postingNumber: n, syncedAt: '' }, overridable: true })
    }
    return blockers
  }

  /** The split orders the batch touches (groups of more than one package). */
  private splitsOf(batch: Batch): SplitInfo[] {
    const groups = this.groups(batch.accountId)
    const inBatch = new Set(batch.packages.map((p) => p.postingNumber))
    const seen = new Set<string>()
    const out: SplitInfo[] = []
    for (const pkg of batch.packages) {
      const g = groups.groupOf(batch.accountId, pkg.postingNumber)
      if (seen.has(g.original)) continue
      seen.add(g.original)
      if (g.members.length > 1) out.push(splitProgress(g, inBatch))
    }
    return out
  }

  // ─── documents ─────────────────────────────────────────────────────────────────────────────────────────

  /** Makes (once) the manifest of a closed batch and keeps it as a file. */
  private async ensureManifest(batch: Batch, language: ManifestLanguage): Promise<Batch> {
    if (batch.manifest) return batch
    const pdf = await renderManifestPdf(this.manifestInput(batch, language, 0), { fontsDir: this.opts.fontsDir })
    const file = await this.store.writeFile(`manifest-${batch.departureDate}-${batch.seq}-${batch.id.slice(0, 8)}.pdf`, pdf)
    return this.store.change(batch.id, (b) => {
      b.manifest = { language, generatedAt: this.ctx.now().toISOString(), copies: 0, file }
    })
  }

  /** The manifest as a PDF: the first time the one made at close, after that a copy marked as such. Audited. */
  async manifest(batchId: string, language?: ManifestLanguage): Promise<DispatchDocument> {
    let batch = this.store.get(batchId)
    if (batch.state !== 'closed') {
      throw new StationError({ code: 'conflict', message: `Batch ${batchLabel(batch)} is not closed: the manifest is made when it is closed`, key: 'dispatch:errors.notClosed', params: { batch: batchLabel(batch) } })
    }
    batch = await this.ensureManifest(batch, language ?? 'ru')
    const m = batch.manifest!
    const lang = language ?? m.language
    const copy = m.copies
    const bytes =
      copy === 0 && lang === m.language ? await readFile(this.store.fileFor(m.file)).catch(() => null) : null
    const pdf = bytes ?? (await renderManifestPdf(this.manifestInput(batch, lang, copy), { fontsDir: this.opts.fontsDir }))
    await this.store.change(batchId, (b) => {
      b.manifest!.copies = copy + 1
    })
    const { operator, bench } = this.ctx.actor()
    await this.ctx.audit.append({ operator, bench, action: copy === 0 ? 'dispatch.manifest_printed' : 'dispatch.manifest_reprinted', details: { batchId, batch: batchLabel(batch), copy, language: lang } })
    return { fileName: `manifest-${batch.departureDate}-${batch.seq}${copy > 0 ? `-copy${copy}` : ''}.pdf`, mimeType: 'application/pdf', base64: Buffer.from(pdf).toString('base64') }
  }

  async actPdf(batchId: string): Promise<DispatchDocument> {
    const batch = this.store.get(batchId)
    const carriageId = batch.handover?.carriageId
    if (!carriageId || !batch.handover?.hasActPdf) {
      throw new StationError({ code: 'conflict', message: `Batch ${batchLabel(batch)} has no Ozon act yet`, key: 'dispatch:errors.noAct', params: { batch: batchLabel(batch) } })
    }
    let bytes: Uint8Array | null = batch.actFile ? await readFile(this.store.fileFor(batch.actFile)).catch(() => null) : null
    if (!bytes) {
      bytes = await requireAccount(this.ctx.accounts, batch.accountId).client.actPdf(carriageId)
      const file = await this.store.writeFile(`act-${carriageId}.pdf`, bytes)
      await this.store.change(batchId, (b) => {
        b.actFile = file
      })
    }
    return { fileName: `ozon-act-${carriageId}.pdf`, mimeType: 'application/pdf', base64: Buffer.from(bytes).toString('base64') }
  }

  private manifestInput(batch: Batch, language: ManifestLanguage, copy: number): ManifestInput {
    const groups = this.groups(batch.accountId)
    const closed = batch.closedAt ? new Date(batch.closedAt) : this.ctx.now()
    const fmt = new Intl.DateTimeFormat('ru-RU', { timeZone: this.timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' })
    return {
      language,
      batchLabel: batchLabel(batch),
      seller: this.ctx.accounts.get(batch.accountId)?.label ?? batch.accountId,
      carrier: batch.carrier.name,
      deliveryMethod: batch.deliveryMethod.name,
      warehouse: batch.warehouse.name,
      departureDate: batch.departureDate,
      closedAt: `${fmt.format(closed)} (${this.timeZone})`,
      packer: batch.closedBy?.operator ?? '',
      bench: batch.closedBy?.bench ?? '',
      courier: batch.courierName,
      carriageId: batch.handover?.carriageId ?? undefined,
      note: batch.closeNote || undefined,
      copy,
      packages: [...batch.packages]
        .sort((a, b) => byPackageNumber(a.postingNumber, b.postingNumber))
        .map((p) => {
          const g = groups.groupOf(batch.accountId, p.postingNumber)
          const index = g.members.indexOf(p.postingNumber)
          return {
            postingNumber: p.postingNumber,
            orderNumber: p.orderNumber,
            trackingNumber: p.trackingNumber,
            units: p.units,
            packageOf: g.members.length > 1 && index >= 0 ? `${index + 1}/${g.members.length}` : '',
          }
        }),
    }
  }

  // ─── after the hand-over ───────────────────────────────────────────────────────────────────────────────

  /** Asks Ozon again now: a waiting step runs, a failed one is started again, missing documents are made. */
  async refresh(batchId: string): Promise<BatchView> {
    let batch = this.store.get(batchId)
    if (batch.state !== 'closed' || !batch.handover) return this.view(batch)
    if (!batch.manifest) batch = await this.ensureManifest(batch, 'ru')
    const open = this.handover.openEntry(batchId)
    if (open) await this.waitFor(this.handover.run(open.id))
    else if (batch.handover!.state === 'failed' || batch.handover!.state === 'pending') {
      const failedMoves = batch.handover!.moves.filter((m) => !m.ok)
      if (batch.handover!.kind === 'delivering' && failedMoves.length > 0) {
        const step = failedMoves[0]!.step
        await this.waitFor(this.handover.move(batch, step, failedMoves.filter((m) => m.step === step).map((m) => m.postingNumber)))
      } else await this.waitFor(this.handover.begin(batch))
    }
    return this.view(this.store.get(batchId))
  }

  async advance(batchId: string, step: Exclude<MoveStep, 'delivering'>, postingNumbers?: string[]): Promise<BatchView> {
    const batch = this.store.get(batchId)
    if (batch.state !== 'closed' || batch.handover?.kind !== 'delivering') {
      throw new StationError({ code: 'conflict', message: `Batch ${batchLabel(batch)} is not a closed own-delivery batch`, key: 'dispatch:errors.notOwnDelivery', params: { batch: batchLabel(batch) } })
    }
    if (this.handover.openEntry(batchId)) {
      throw new StationError({ code: 'conflict', message: `Batch ${batchLabel(batch)}: the previous status change is still waiting for Ozon`, key: 'dispatch:errors.busy', params: { batch: batchLabel(batch) } })
    }
    requireAccount(this.ctx.accounts, batch.accountId)
    const numbers = postingNumbers ?? batch.packages.map((p) => p.postingNumber)
    const unknown = numbers.filter((n) => !batch.packages.some((p) => p.postingNumber === n))
    if (unknown.length > 0) {
      throw new StationError({ code: 'invalid_args', message: `Not in batch ${batchLabel(batch)}: ${unknown.join(', ')}`, field: 'postingNumbers', key: 'dispatch:errors.notInBatch', params: { postingNumber: unknown.join(', '), batch: batchLabel(batch) } })
    }
    await this.waitFor(this.handover.move(batch, step, numbers))
    return this.view(this.store.get(batchId))
  }

  /** Closed batches whose manifest or hand-over was interrupted by a crash are finished on start. */
  async resume(): Promise<void> {
    for (const b of this.store.data.batches) {
      if (b.state !== 'closed') continue
      if (!b.manifest) await this.ensureManifest(b, 'ru').catch((err: unknown) => this.ctx.log.error('dispatch: manifest not made', { batchId: b.id, error: String(err) }))
      if (b.handover?.state === 'pending' && !this.handover.openEntry(b.id)) void this.handover.begin(this.store.get(b.id)).catch(() => undefined)
    }
    this.handover.resumeOpen()
  }

  private async waitFor(work: Promise<unknown>): Promise<void> {
    const guarded = work.catch((err: unknown) => this.ctx.log.warn('dispatch: hand-over step failed', { error: String(err) }))
    await Promise.race([guarded, new Promise<void>((r) => setTimeout(r, this.opts.answerWaitMs ?? 10_000).unref())])
  }

  // ─── reading ───────────────────────────────────────────────────────────────────────────────────────────

  history(args: { search: string; state: 'open' | 'closed' | 'all'; limit: number }): { batches: BatchSummary[]; total: number } {
    const needle = args.search.replace(/\s+/g, '').toUpperCase()
    const list = this.store.data.batches
      .filter((b) => args.state === 'all' || b.state === args.state)
      .filter(
        (b) =>
          needle === '' ||
          batchLabel(b).toUpperCase().includes(needle) ||
          b.packages.some((p) => [p.postingNumber, p.orderNumber, p.trackingNumber].some((s) => s.toUpperCase().includes(needle))),
      )
      .sort((a, b) => (b.closedAt ?? b.createdAt).localeCompare(a.closedAt ?? a.createdAt))
    return { batches: list.slice(0, args.limit).map(summaryOf), total: list.length }
  }

  get(batchId: string): BatchView {
    return this.view(this.store.get(batchId))
  }

  view(batch: Batch): BatchView {
    const expected: BatchView['expected'] = []
    if (batch.state === 'open') {
      const batched = this.batched()
      for (const p of Object.values(this.ctx.orders.data.postings)) {
        if (p.accountId !== batch.accountId || p.deliveryMethod.id !== batch.deliveryMethod.id || p.status !== 'awaiting_deliver') continue
        if (batched.has(postingKey(p.accountId, p.postingNumber))) continue
        expected.push({ postingNumber: p.postingNumber, orderNumber: p.orderNumber, blocked: trackingBlock(this.tracking.statusOf(p))?.message ?? '' })
      }
      expected.sort((a, b) => byPackageNumber(a.postingNumber, b.postingNumber))
    }
    const packageList = batch.packages.map((p) => {
      // While open, a package shows its current number (it may have been fixed after the scan).
      const posting = batch.state === 'open' ? this.posting(p.accountId, p.postingNumber) : undefined
      return posting ? { ...p, trackingNumber: this.tracking.statusOf(posting).trackingNumber } : p
    })
    const splits = this.splitsOf(batch)
    return {
      ...summaryOf(batch),
      packageList,
      splits,
      expected,
      blockers: batch.state === 'open' && batch.packages.length > 0 ? this.blockersOf(batch, splits) : [],
      manifest: batch.manifest ? { language: batch.manifest.language, generatedAt: batch.manifest.generatedAt, copies: batch.manifest.copies } : null,
      closeNote: batch.closeNote,
    }
  }

  private mustBeOpen(batchId: string): Batch {
    const batch = this.store.get(batchId)
    if (batch.state !== 'open') {
      throw new StationError({
        code: 'conflict',
        message: `Batch ${batchLabel(batch)} is ${batch.state} — open a new batch for more packages`,
        key: 'dispatch:errors.notOpen',
        params: { batch: batchLabel(batch), state: batch.state },
      })
    }
    return batch
  }
}

function scopeOf(b: Batch): BatchScope {
  return { accountId: b.accountId, carrier: b.carrier, warehouse: b.warehouse, deliveryMethod: b.deliveryMethod }
}

function summaryOf(b: Batch): BatchSummary {
  return {
    id: b.id,
    label: batchLabel(b),
    accountId: b.accountId,
    carrier: b.carrier,
    deliveryMethod: b.deliveryMethod,
    warehouse: b.warehouse,
    integrationType: b.integrationType,
    departureDate: b.departureDate,
    state: b.state,
    packages: b.packages.length,
    createdAt: b.createdAt,
    createdBy: b.createdBy.operator,
    closedAt: b.closedAt,
    closedBy: b.closedBy?.operator ?? null,
    courierName: b.courierName,
    handover: b.handover,
  }
}

