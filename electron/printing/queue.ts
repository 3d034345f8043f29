// The print queue: one line of jobs per printer, sent in order, each job's state written to disk before anything
// happens to it (queued → sending → sent | failed | unknown).
//
// The rules a bench needs (docs/bench-lessons.md, "Printing failures others suffered"):
// - Nothing reached the printer (refused, paper out reported beforehand) → retried by itself with backoff; after
//   `maxAttempts` it is 'failed' and a person may retry it (still safe: it never printed).
// - The connection broke mid-job → 'unknown', "check the printer". Never sent again by itself — not now, not after
//   a restart; only a person's reprint (with a reason) sends those labels again.
// - After a restart, a job that was 'sending' becomes 'unknown' (it may have printed); 'queued' jobs carry on.
// - The same labels to the same printer within `dedupWindowMs` (a double click, a repeated call) are one job.
import { createHash, randomUUID } from 'node:crypto'
import {
  isFinalJobState,
  type PrintHistoryQuery,
  type PrintJob,
  type PrintJobKind,
  type Printer,
} from '../../shared/domain/printers'
import type { LabelLayout } from '../../shared/domain/label-layout'
import { silentLogger, type Logger } from '../../shared/log'
import type { AuditLog } from '../store'
import { bitmapToPng, type LabelBitmap } from './bitmap'
import type { DriverJob } from './drivers'
import { asPrintFailure, notSent } from './failures'
import { openJobStore, type ArchivePolicy, type JobPayload, type JobStore } from './job-store'
import { countPdfPages } from './raster'
import { bitmapsFromStoredLayouts } from './raster-layout'
import type { PrinterRegistry } from './registry'

export interface PrintRequest {
  kind: PrintJobKind
  /** The labels, one PDF page each (a batch is one PDF with many pages → one job). */
  pdf: Uint8Array
  /** The postings these labels are for, for the history and its search. */
  postingNumbers: string[]
  /** A specific printer; otherwise the bench's printer for this kind of label. */
  printerId?: string
  title?: string
  /** ESC/POS printers print these under label i in their own font. */
  captions?: Array<string | undefined>
  /**
   * The station's own labels as layouts (one per PDF page): raw printers then get them drawn straight to dots,
   * without rasterising the PDF. The PDF stays the record and what system printers get.
   */
  layouts?: LabelLayout[]
  operator?: string
  bench?: string
}

export interface ReprintRequest {
  /** Why: "label torn", "printer jammed", "unknown outcome — nothing came out". Required. */
  reason: string
  /** Another printer than the original's (e.g. the original one is broken). */
  printerId?: string
  operator?: string
  bench?: string
}

export type PrintQueueEvent = { type: 'job-changed'; job: PrintJob }

export interface RetryPolicy {
  /** Attempts before a not-sent job is 'failed'. */
  maxAttempts: number
  /** First wait after a failed attempt; doubles each time up to maxDelayMs. */
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 500, maxDelayMs: 30_000 }

export interface PrintQueueOptions {
  dataDir: string
  printers: PrinterRegistry
  log?: Logger
  /** Reprints are written to the audit log (action 'label.reprint') when given. */
  audit?: AuditLog
  retry?: Partial<RetryPolicy>
  dedupWindowMs?: number
  retentionDays?: number
  /** When finished jobs leave the hot journal for the history files. */
  archive?: Partial<ArchivePolicy>
  now?: () => Date
  /**
   * Draws a job's labels straight to this printer's dots, or returns undefined to let the driver rasterise the PDF.
   * Default: from the label layouts stored with the job (raster-layout.ts).
   */
  renderBitmaps?: (payload: JobPayload, printer: Printer) => Promise<LabelBitmap[] | undefined>
}

export interface EnqueueResult {
  job: PrintJob
  /** true when this request repeated one made moments ago: no new job was created. */
  duplicate: boolean
}

export interface PrintQueue {
  /** Records the job durably, then sends it when its printer's earlier jobs are done. */
  print(request: PrintRequest): Promise<EnqueueResult>
  /** A new job with the same labels (any state, even 'sent'); the person's reason is kept with it. */
  reprint(jobId: string, request: ReprintRequest): Promise<PrintJob>
  /** Sends a 'failed' job again (nothing of it was printed, so this cannot double a label). */
  retry(jobId: string): Promise<PrintJob>
  /** A job still in the hot journal (moving, or finished recently). */
  get(jobId: string): PrintJob | undefined
  /** Any job, including those moved to the history files. */
  find(jobId: string): Promise<PrintJob | undefined>
  /** Newest first, from the journal and the history files. */
  history(query?: PrintHistoryQuery): Promise<PrintJob[]>
  /** Jobs that need a person, newest first: 'unknown' (check the printer) and 'failed' (from the last week). */
  needsAttention(): PrintJob[]
  /**
   * The exact dots the job's printer prints for it, as PNGs (one per label) — or null for printers that take the
   * PDF themselves (CUPS, Windows), where the PDF is the preview.
   */
  preview(jobId: string): Promise<Buffer[] | null>
  /** Resolves when the job is sent, failed or unknown. */
  settled(jobId: string): Promise<PrintJob>
  /** Listen to job changes (for the UI); returns unsubscribe. */
  subscribe(listener: (event: PrintQueueEvent) => void): () => void
  /** Stops starting new sends and waits for the ones in progress. */
  close(): Promise<void>
}

export class PrintRequestError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PrintRequestError'
  }
}

export async function openPrintQueue(opts: PrintQueueOptions): Promise<PrintQueue> {
  const log = opts.log ?? silentLogger
  const now = opts.now ?? (() => new Date())
  const retry = { ...DEFAULT_RETRY, ...opts.retry }
  const renderBitmaps = opts.renderBitmaps ?? bitmapsFromStoredLayouts
  const dedupWindowMs = opts.dedupWindowMs ?? 10_000
  const store: JobStore = await openJobStore(opts.dataDir, log, { retentionDays: opts.retentionDays, archive: opts.archive, now })
  const listeners = new Set<(e: PrintQueueEvent) => void>()
  /** Printers whose line is being worked on, with the promise of that work. */
  const working = new Map<string, Promise<void>>()
  const wakeTimers = new Map<string, NodeJS.Timeout>()
  /** Enqueues not yet on disk, by dedup key — a double click arrives before the first write finishes. */
  const pending = new Map<string, Promise<EnqueueResult>>()
  let closed = false

  const emit = (job: PrintJob) => {
    for (const l of listeners) {
      try {
        l({ type: 'job-changed', job: { ...job } })
      } catch (err) {
        log.error('printing: a job listener failed', { error: String(err) })
      }
    }
  }
  const change = async (id: string, patch: Partial<PrintJob>) => {
    const job = await store.patch(id, patch)
    emit(job)
    return job
  }

  // A restart: whatever was being sent may be on the roll. Never send it again by itself.
  for (const job of store.jobs.filter((j) => j.state === 'sending')) {
    await change(job.id, {
      state: 'unknown',
      error: {
        code: 'station-stopped',
        message: 'the station stopped while this job was being sent; check the printer and reprint if nothing came out',
        problems: [],
      },
    })
    log.warn('printing: a job was interrupted by a restart; marked "check the printer"', { job: job.id, printer: job.printerId })
  }

  /** Labels ready to send: their payload and, where the printer allows, their dots (drawing starts at once). */
  interface Prepared {
    payload: JobPayload
    bitmaps: Promise<LabelBitmap[] | undefined>
  }
  function prepare(payload: JobPayload, printer: Printer, jobId: string): Prepared {
    const bitmaps = renderBitmaps(payload, printer).catch((err) => {
      log.warn('printing: drawing the labels straight to dots failed; rasterising the PDF instead', { job: jobId, error: String(err) })
      return undefined
    })
    return { payload, bitmaps }
  }

  const hasQueued = (printerId: string) => store.jobs.some((j) => j.printerId === printerId && j.state === 'queued')

  /**
   * Starts working through the printer's line unless it is already being worked on. `first` runs before the
   * line (the direct send of a job for an idle printer). Returns whether this call started the work.
   */
  function wake(printerId: string, first?: () => Promise<void>): boolean {
    if (closed || working.has(printerId)) return false
    const run = (async () => {
      if (first) await first()
      await work(printerId)
    })().finally(() => working.delete(printerId))
    working.set(printerId, run)
    return true
  }

  /** Sends the printer's queued jobs in creation order; a job waiting for its retry time holds the line. */
  async function work(printerId: string): Promise<void> {
    while (!closed) {
      const head = store.jobs.find((j) => j.printerId === printerId && j.state === 'queued')
      if (!head) return
      const wait = head.nextAttemptAt ? Date.parse(head.nextAttemptAt) - now().getTime() : 0
      if (wait > 0) {
        clearTimeout(wakeTimers.get(printerId))
        wakeTimers.set(
          printerId,
          setTimeout(() => {
            wakeTimers.delete(printerId)
            wake(printerId)
          }, wait),
        )
        return
      }
      const sending = await change(head.id, { state: 'sending', attempts: head.attempts + 1, nextAttemptAt: null })
      await deliver(sending)
    }
  }

  /** Sends a job that is durably 'sending' and records the outcome. */
  async function deliver(job: PrintJob, prepared?: Prepared): Promise<void> {
    let bytesWritten = 0
    try {
      const printer = opts.printers.get(job.printerId)
      if (!printer) throw notSent('no-printer', `the printer "${job.printerName}" was removed; reprint these labels on another printer`, { retryable: false })
      const driver = opts.printers.driver(job.printerId)
      let ready = prepared
      if (!ready) {
        let payload: JobPayload
        try {
          payload = await store.loadPayload(job.payloadId)
        } catch (err) {
          throw notSent('bad-label', `the labels of this job are missing from the data folder (${(err as Error).message})`, { retryable: false })
        }
        ready = prepare(payload, driver.printer, job.id)
      }
      const driverJob: DriverJob = { id: job.id, title: job.title, pdf: ready.payload.pdf, captions: ready.payload.captions }
      const bitmaps = await ready.bitmaps
      if (bitmaps) driverJob.bitmaps = bitmaps
      bytesWritten = (await driver.print(driverJob)).bytesWritten
      await change(job.id, { state: 'sent', sentAt: now().toISOString(), bytesWritten, error: null })
    } catch (err) {
      const failure = asPrintFailure(err, bytesWritten)
      const error = { code: failure.code, message: failure.message, problems: failure.problems }
      if (failure.outcome === 'unknown') {
        await change(job.id, { state: 'unknown', bytesWritten: failure.bytesWritten, error })
        log.warn('printing: job outcome unknown; waiting for a person', { job: job.id, error: failure.message })
      } else if (failure.retryable && job.attempts < retry.maxAttempts) {
        const delay = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (job.attempts - 1))
        await change(job.id, { state: 'queued', nextAttemptAt: new Date(now().getTime() + delay).toISOString(), error })
      } else {
        await change(job.id, { state: 'failed', error })
        log.warn('printing: job failed; nothing was printed', { job: job.id, error: failure.message })
      }
    }
    void store.compact() // moves long-finished jobs out of the hot journal once enough are due
  }

  type NewJob = Omit<PrintJob, 'id' | 'state' | 'createdAt' | 'updatedAt' | 'sentAt' | 'attempts' | 'nextAttemptAt' | 'bytesWritten' | 'error'>

  /** Writes the job durably: 'queued', or straight 'sending' when it goes out right away (one write, not two). */
  async function createJob(base: NewJob, state: 'queued' | 'sending'): Promise<PrintJob> {
    const at = now().toISOString()
    const job: PrintJob = {
      ...base,
      id: randomUUID(),
      state,
      createdAt: at,
      updatedAt: at,
      sentAt: null,
      attempts: state === 'sending' ? 1 : 0,
      nextAttemptAt: null,
      bytesWritten: 0,
      error: null,
    }
    await store.add(job)
    emit(job)
    return job
  }

  /**
   * Records a new job and gets it going. For an idle printer with nothing waiting the job is written directly as
   * 'sending' and sent by this call's own worker, its dots drawn while the files are being written; otherwise it
   * is written 'queued' and joins the line. Resolves once the job is on disk.
   */
  async function submit(base: NewJob, payload: JobPayload, printer: Printer, savePayload: boolean): Promise<PrintJob> {
    if (!hasQueued(printer.id)) {
      let recorded!: (job: PrintJob) => void
      let refused!: (err: unknown) => void
      const onDisk = new Promise<PrintJob>((resolve, reject) => {
        recorded = resolve
        refused = reject
      })
      const started = wake(printer.id, async () => {
        let job: PrintJob
        let prepared: Prepared
        try {
          const saving = savePayload ? store.savePayload(base.payloadId, payload) : Promise.resolve()
          prepared = prepare(payload, printer, base.payloadId)
          await saving
          job = await createJob(base, 'sending')
        } catch (err) {
          refused(err)
          return
        }
        recorded(job)
        await deliver(job, prepared)
      })
      if (started) return onDisk
    }
    if (savePayload) await store.savePayload(base.payloadId, payload)
    const job = await createJob(base, 'queued')
    wake(printer.id)
    return job
  }

  function printerFor(kind: PrintJobKind, printerId?: string): Printer {
    if (printerId) {
      const p = opts.printers.get(printerId)
      if (!p) throw new PrintRequestError(`there is no printer "${printerId}"; choose a printer in Settings → Printers`)
      return p
    }
    const purpose = kind === 'ozon-label' ? 'ozon-label' : 'bag-label'
    const p = opts.printers.forPurpose(purpose)
    if (!p) {
      const what = purpose === 'ozon-label' ? "Ozon's labels" : 'bag labels'
      throw new PrintRequestError(`no printer is set for ${what} at this bench; choose one in Settings → Printers`)
    }
    return p
  }

  const subscribe = (listener: (e: PrintQueueEvent) => void) => {
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }

  // Queued jobs from before a restart carry on.
  for (const printerId of new Set(store.jobs.filter((j) => j.state === 'queued').map((j) => j.printerId))) wake(printerId)

  return {
    async print(request) {
      if (closed) throw new PrintRequestError('the print queue is closed')
      if (!(request.pdf instanceof Uint8Array) || request.pdf.length === 0) {
        throw new PrintRequestError('the print request has no label PDF; generate the labels again')
      }
      const printer = printerFor(request.kind, request.printerId)
      const contentHash = createHash('sha256').update(request.pdf).update(JSON.stringify(request.captions ?? [])).digest('hex')
      const key = `${printer.id}\u0000${contentHash}`

      // Double click / repeated call: the same labels to the same printer moments ago are the same job.
      const inFlight = pending.get(key)
      if (inFlight) return { job: (await inFlight).job, duplicate: true }
      const since = new Date(now().getTime() - dedupWindowMs).toISOString()
      // (A failed job printed nothing, so asking again is a real new job.)
      const recent = store.jobs.findLast(
        (j) => j.printerId === printer.id && j.contentHash === contentHash && j.createdAt >= since && j.state !== 'failed',
      )
      if (recent) return { job: { ...recent }, duplicate: true }

      const work = (async (): Promise<EnqueueResult> => {
        let labelCount: number
        try {
          labelCount = await countPdfPages(request.pdf)
        } catch (err) {
          throw new PrintRequestError((err as Error).message)
        }
        if (request.captions && request.captions.length > labelCount) {
          throw new PrintRequestError(`${request.captions.length} captions for ${labelCount} labels; one caption per label at most`)
        }
        if (request.layouts && request.layouts.length !== labelCount) {
          throw new PrintRequestError(`${request.layouts.length} label layouts for a PDF of ${labelCount} pages; they must match one to one`)
        }
        const payload: JobPayload = {
          pdf: request.pdf,
          captions: request.captions,
          extras: request.layouts ? { layouts: request.layouts } : undefined,
        }
        const base: NewJob = {
          printerId: printer.id,
          printerName: printer.name,
          kind: request.kind,
          title: request.title ?? defaultTitle(request.kind, request.postingNumbers),
          postingNumbers: [...request.postingNumbers],
          labelCount,
          payloadId: randomUUID(),
          contentHash,
          reprintOf: null,
          reason: null,
          operator: request.operator ?? '',
          bench: request.bench ?? '',
        }
        return { job: await submit(base, payload, printer, true), duplicate: false }
      })()
      pending.set(key, work)
      try {
        return await work
      } finally {
        pending.delete(key)
      }
    },

    async reprint(jobId, request) {
      const original = await store.find(jobId)
      if (!original) throw new PrintRequestError(`there is no print job ${jobId}`)
      const reason = request.reason?.trim()
      if (!reason) throw new PrintRequestError('a reprint needs a reason (e.g. "label torn", "nothing came out")')
      const printer = request.printerId ? printerFor(original.kind, request.printerId) : opts.printers.get(original.printerId)
      if (!printer) throw new PrintRequestError(`the printer "${original.printerName}" of this job no longer exists; choose another printer for the reprint`)
      let payload: JobPayload
      try {
        payload = await store.loadPayload(original.payloadId)
        await store.touchPayload(original.payloadId)
      } catch {
        throw new PrintRequestError(`the labels of this job are no longer kept (older than the retention); make them again to print`)
      }
      const base: NewJob = {
        printerId: printer.id,
        printerName: printer.name,
        kind: original.kind,
        title: original.title,
        postingNumbers: [...original.postingNumbers],
        labelCount: original.labelCount,
        payloadId: original.payloadId,
        contentHash: original.contentHash,
        reprintOf: original.id,
        reason,
        operator: request.operator ?? '',
        bench: request.bench ?? '',
      }
      const job = await submit(base, payload, printer, false)
      await opts.audit?.append({
        operator: job.operator,
        bench: job.bench,
        action: 'label.reprint',
        postingNumber: job.postingNumbers[0],
        details: { job: job.id, reprintOf: original.id, originalState: original.state, reason, printer: printer.id, postingNumbers: job.postingNumbers },
      })
      return job
    },

    async retry(jobId) {
      const job = store.get(jobId)
      if (!job) throw new PrintRequestError(`there is no print job ${jobId}`)
      if (job.state !== 'failed') {
        throw new PrintRequestError(
          job.state === 'unknown'
            ? 'this job may have printed; look at the printer and use Reprint if nothing came out'
            : `this job is ${job.state}; only a failed job can be retried`,
        )
      }
      const updated = await change(job.id, { state: 'queued', attempts: 0, nextAttemptAt: null })
      wake(job.printerId)
      return updated
    },

    get: (id) => {
      const j = store.get(id)
      return j && { ...j }
    },
    find: (id) => store.find(id),
    history: (query) => store.history(query),
    needsAttention: () =>
      store.jobs
        .filter((j) => j.state === 'unknown' || j.state === 'failed')
        .map((j) => ({ ...j }))
        .reverse(),

    async preview(jobId) {
      const job = await store.find(jobId)
      if (!job) throw new PrintRequestError(`there is no print job ${jobId}`)
      const printer = opts.printers.get(job.printerId)
      if (!printer) throw new PrintRequestError(`the printer "${job.printerName}" of this job no longer exists`)
      const payload = await store.loadPayload(job.payloadId)
      const driver = opts.printers.driver(printer.id)
      const bitmaps = await driver.bitmapsFor({ pdf: payload.pdf, bitmaps: await prepare(payload, driver.printer, job.id).bitmaps })
      return bitmaps && bitmaps.map(bitmapToPng)
    },

    async settled(jobId) {
      const current = store.get(jobId) ?? (await store.find(jobId))
      if (!current) throw new PrintRequestError(`there is no print job ${jobId}`)
      if (isFinalJobState(current.state)) return { ...current }
      return new Promise((resolve) => {
        const off = subscribe((e) => {
          if (e.job.id === jobId && isFinalJobState(e.job.state)) {
            off()
            resolve(e.job)
          }
        })
        // It may have finished while we looked it up.
        const again = store.get(jobId)
        if (again && isFinalJobState(again.state)) {
          off()
          resolve({ ...again })
        }
      })
    },

    subscribe,

    async close() {
      closed = true
      for (const t of wakeTimers.values()) clearTimeout(t)
      wakeTimers.clear()
      await Promise.allSettled([...working.values()])
    },
  }
}

function defaultTitle(kind: PrintJobKind, postingNumbers: string[]): string {
  const what = kind === 'ozon-label' ? 'Ozon labels' : kind === 'test' ? 'Test print' : 'Bag labels'
  if (postingNumbers.length === 0) return what
  return `${what} ${postingNumbers[0]}${postingNumbers.length > 1 ? ` (+${postingNumbers.length - 1})` : ''}`
}
