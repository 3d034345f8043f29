// Ozon's official labels, fetched in the background: nobody at the bench waits for them. Every package gets a
// record in labels.json as soon as it is packed ("waiting"); a timer asks Ozon once the readiness window has
// passed (label task: create → get → download file_url, through the client's fetchLabels), then backs off while
// Ozon says "not ready" or cannot be reached. A label is written to the file cache first and marked "ready"
// after, so a restart in between adopts the file instead of asking Ozon twice; a waiting record survives any
// restart, so nothing is lost. Postings Ozon refuses come back "failed" with Ozon's reason.
import type { LabelBatch } from '../../ozon'
import { OzonError } from '../../ozon'
import { pdfPageCount, splitPdf } from '../../labels'
import type { StoredDocument } from '../../store'
import type { StationContext } from '../context'
import { postingKey } from '../orders/document'
import type { LabelRecord, LabelsData } from './document'
import type { OzonLabelFiles } from './ozon-label-files'
import { pagesInOrder } from './page-check'
import { DEFAULT_GIVE_UP_AFTER_MS, DEFAULT_RETRY_DELAYS_MS, LIVE_READY_AFTER_MS, firstAttemptAt, givenUp, nextAttemptAt, type LabelSchedule } from './schedule'

/** Ozon's words for "ask again later" (§7.1), and the client's for a task that did not finish in time. */
const NOT_READY = /aren't ready|not ready|still (in_progress|pending|processing|new)|POSTINGS_NOT_READY/i
const TRANSIENT_KINDS = new Set(['network', 'timeout', 'server', 'rate_limit', 'malformed'])
/** Ozon's label batch limit. */
const BATCH = 20
/** Label groups asked at the same time (per run), so a morning batch of 200 is not ten round trips in a row. */
const PARALLEL_GROUPS = 3

export type FetchStep = 'fetched' | 'stored'

export interface FetcherOptions {
  /** Overrides of the schedule (tests use short pauses); readyAfterMs defaults per account mode. */
  schedule?: Partial<LabelSchedule>
  /** Between two reads of a label task (default 1000 ms). */
  pollIntervalMs?: number
  /** How long one label task may take before its postings count as not ready (default 60 s). */
  taskTimeoutMs?: number
  /**
   * Called after a step is done for some postings: `fetched` (the PDF is in memory, nothing written) and `stored`
   * (files durably written, records not yet marked ready). Tests stop here to simulate a crash; the station never
   * sets it.
   */
  checkpoint?: (step: FetchStep, postingNumbers: string[]) => Promise<void>
}

/** A package to fetch Ozon's label for. */
export interface TrackedPackage {
  accountId: string
  postingNumber: string
  orderNumber: string
  packageIndex: number
  packageCount: number
  packedAt: string
  size: LabelRecord['size']
  source: LabelRecord['source']
}

type Outcome =
  | { kind: 'ready'; pdf: Uint8Array }
  | { kind: 'again'; reason: { code: string; message: string } }
  | { kind: 'failed'; reason: { code: string; message: string } }

export class OzonLabelFetcher {
  private readonly inFlight = new Map<string, Promise<void>>()
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private started = false
  private closed = false

  constructor(
    private readonly ctx: StationContext,
    private readonly doc: StoredDocument<LabelsData>,
    private readonly files: OzonLabelFiles,
    private readonly opts: FetcherOptions,
    private readonly notify: (records: LabelRecord[]) => void,
  ) {}

  schedule(accountId: string): LabelSchedule {
    const mode = this.ctx.accounts.get(accountId)?.mode ?? this.ctx.accounts.mode()
    return {
      readyAfterMs: this.opts.schedule?.readyAfterMs ?? (mode === 'demo' ? this.ctx.config.demoLabelDelayMs : LIVE_READY_AFTER_MS),
      retryDelaysMs: this.opts.schedule?.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS,
      giveUpAfterMs: this.opts.schedule?.giveUpAfterMs ?? DEFAULT_GIVE_UP_AFTER_MS,
    }
  }

  get(accountId: string, postingNumber: string): LabelRecord | undefined {
    return this.doc.data.records[postingKey(accountId, postingNumber)]
  }

  /**
   * Starts waiting for the labels of these packages. A package already known keeps its record (the packing
   * event may come twice), except that a better package number ("2 of 3" over "1 of 1") is taken.
   */
  async track(packages: TrackedPackage[]): Promise<void> {
    const added: LabelRecord[] = []
    await this.doc.update((d) => {
      for (const p of packages) {
        const key = postingKey(p.accountId, p.postingNumber)
        const known = d.records[key]
        if (known) {
          if (p.source === 'packed' && known.packageCount === 1 && p.packageCount > 1) {
            known.packageIndex = p.packageIndex
            known.packageCount = p.packageCount
          }
          continue
        }
        const due = firstAttemptAt(Date.parse(p.packedAt), this.schedule(p.accountId))
        const record: LabelRecord = {
          ...p,
          state: 'waiting',
          since: p.packedAt,
          nextAttemptAt: new Date(due).toISOString(),
          attempts: 0,
          readyAt: null,
          reason: null,
        }
        d.records[key] = record
        added.push(record)
      }
    })
    if (added.length > 0) {
      this.notify(added)
      this.wake()
    }
  }

  /** A person asked: labels that failed or still wait are asked for again right away. */
  async retry(keys: string[]): Promise<void> {
    const now = this.ctx.now().toISOString()
    const changed: LabelRecord[] = []
    await this.doc.update((d) => {
      for (const key of keys) {
        const r = d.records[key]
        if (!r || r.state === 'ready') continue
        r.state = 'waiting'
        r.since = now
        r.nextAttemptAt = now
        r.reason = null
        changed.push(r)
      }
    })
    if (changed.length > 0) this.notify(changed)
    await this.fetchNow(keys)
  }

  /** Asks Ozon now for every listed label that is not ready (joining attempts already under way). */
  async fetchNow(keys: string[]): Promise<void> {
    const joined: Promise<void>[] = []
    const fresh: LabelRecord[] = []
    for (const key of new Set(keys)) {
      const running = this.inFlight.get(key)
      if (running) joined.push(running)
      else {
        const r = this.doc.data.records[key]
        if (r && r.state !== 'ready') fresh.push(r)
      }
    }
    await Promise.all([...joined, this.attemptAll(fresh)])
  }

  /**
   * At start: a waiting label whose file is already on disk (the station stopped between writing it and noting
   * it) is ready without asking Ozon again; a ready label whose file is gone is fetched again; old records go.
   */
  async reconcile(retentionDays: number): Promise<void> {
    const now = this.ctx.now()
    const adopted: string[] = []
    const lost: string[] = []
    for (const [key, r] of Object.entries(this.doc.data.records)) {
      if (r.state !== 'ready' && (await this.files.has(r.postingNumber))) adopted.push(key)
      if (r.state === 'ready' && !(await this.files.exists(r.postingNumber))) lost.push(key)
    }
    const cutoff = now.getTime() - retentionDays * 86_400_000
    await this.doc.update((d) => {
      for (const key of adopted) {
        const r = d.records[key]!
        Object.assign(r, { state: 'ready', readyAt: r.readyAt ?? now.toISOString(), nextAttemptAt: null, reason: null })
      }
      for (const key of lost) {
        const r = d.records[key]!
        Object.assign(r, {
          state: 'waiting',
          since: now.toISOString(),
          nextAttemptAt: now.toISOString(),
          readyAt: null,
          reason: { code: 'file_missing', message: 'The saved label file is gone; asking Ozon again' },
        })
      }
      for (const [key, r] of Object.entries(d.records)) {
        if (r.state !== 'waiting' && Date.parse(r.packedAt) < cutoff) delete d.records[key]
      }
    })
    if (adopted.length > 0) this.ctx.log.info(`labels: ${adopted.length} label(s) found on disk after a restart; not asked again`)
    if (lost.length > 0) this.ctx.log.warn(`labels: ${lost.length} saved label file(s) missing; asking Ozon again`)
  }

  /** Begins the background work (after reconcile: a file left by a crash is adopted, never fetched again). */
  start(): void {
    this.started = true
    this.wake()
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const pending = [...this.inFlight.values(), this.running ?? Promise.resolve()].map((p) => p.catch(() => undefined))
    await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 5_000).unref())])
  }

  /** Runs what is due now, then sleeps until the next record is due. */
  private wake(): void {
    if (this.closed || !this.started) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.running) return // the run in progress re-arms the timer when it ends
    const now = this.ctx.now().getTime()
    const waiting = Object.values(this.doc.data.records).filter((r) => r.state === 'waiting' && !this.inFlight.has(key(r)))
    const due = waiting.filter((r) => r.nextAttemptAt === null || Date.parse(r.nextAttemptAt) <= now)
    if (due.length > 0) {
      this.running = this.attemptAll(due)
        .catch((err: unknown) => this.ctx.log.error('labels: a background fetch failed', { error: String(err) }))
        .finally(() => {
          this.running = null
          this.wake()
        })
      return
    }
    const next = Math.min(...waiting.map((r) => Date.parse(r.nextAttemptAt ?? '') || now))
    if (!Number.isFinite(next)) return
    // setTimeout holds at most ~24.8 days; a later record is looked at again then.
    this.timer = setTimeout(() => this.wake(), Math.min(Math.max(0, next - now), 2 ** 31 - 1))
    this.timer.unref()
  }

  /** Groups labels by account and size, 20 per Ozon call, a few groups at a time. */
  private async attemptAll(records: LabelRecord[]): Promise<void> {
    const groups = new Map<string, LabelRecord[]>()
    for (const r of records) {
      const g = `${r.accountId}\u0000${r.size}`
      groups.set(g, [...(groups.get(g) ?? []), r])
    }
    // Every label is marked as under way before the first call, so nobody else starts it meanwhile.
    const queue: Array<{ batch: LabelRecord[]; done: () => void }> = []
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i += BATCH) {
        const batch = group.slice(i, i + BATCH)
        let done!: () => void
        const marker = new Promise<void>((resolve) => (done = resolve))
        for (const r of batch) this.inFlight.set(key(r), marker)
        queue.push({
          batch,
          done: () => {
            for (const r of batch) if (this.inFlight.get(key(r)) === marker) this.inFlight.delete(key(r))
            done()
          },
        })
      }
    }
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          await this.runBatch(next.batch)
        } finally {
          next.done()
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(PARALLEL_GROUPS, queue.length) }, worker))
  }

  private async runBatch(batch: LabelRecord[]): Promise<void> {
    const outcomes = await this.ask(batch)
    const ready = batch.filter((r) => outcomes.get(r.postingNumber)?.kind === 'ready')
    if (ready.length > 0) {
      await this.checkpoint('fetched', ready)
      for (const r of ready) await this.files.write(r.postingNumber, (outcomes.get(r.postingNumber) as { pdf: Uint8Array }).pdf)
      await this.checkpoint('stored', ready)
    }
    const now = this.ctx.now()
    const changed: LabelRecord[] = []
    await this.doc.update((d) => {
      for (const asked of batch) {
        const r = d.records[key(asked)]
        const outcome = outcomes.get(asked.postingNumber)
        if (!r || !outcome || r.state === 'ready') continue
        r.attempts++
        if (outcome.kind === 'ready') {
          Object.assign(r, { state: 'ready', readyAt: now.toISOString(), nextAttemptAt: null, reason: null })
        } else if (outcome.kind === 'failed') {
          Object.assign(r, { state: 'failed', nextAttemptAt: null, reason: outcome.reason })
        } else if (givenUp(Date.parse(r.since), now.getTime(), this.schedule(r.accountId))) {
          const minutes = Math.round(this.schedule(r.accountId).giveUpAfterMs / 60_000)
          Object.assign(r, {
            state: 'failed',
            nextAttemptAt: null,
            reason: { code: 'gave_up', message: `No label from Ozon ${minutes} min after packing (last answer: ${outcome.reason.message})` },
          })
        } else {
          const next = nextAttemptAt(r.attempts, now.getTime(), this.schedule(r.accountId))
          Object.assign(r, { state: 'waiting', nextAttemptAt: new Date(next).toISOString(), reason: outcome.reason })
        }
        changed.push(r)
      }
    })
    if (changed.length > 0) this.notify(changed)
  }

  /** One round with Ozon for a batch of one account and size: per posting, its label or why not. */
  private async ask(batch: LabelRecord[]): Promise<Map<string, Outcome>> {
    const out = new Map<string, Outcome>()
    const first = batch[0]!
    const account = this.ctx.accounts.get(first.accountId)
    if (!account) {
      for (const r of batch) out.set(r.postingNumber, { kind: 'again', reason: { code: 'no_account', message: `The Ozon account ${first.accountId} is not connected` } })
      return out
    }
    const numbers = batch.map((r) => r.postingNumber)
    let answers: LabelBatch[]
    try {
      answers = await account.client.fetchLabels(numbers, { size: first.size, pollIntervalMs: this.opts.pollIntervalMs ?? 1000, timeoutMs: this.opts.taskTimeoutMs ?? 60_000 })
    } catch (err) {
      const outcome = outcomeOfError(err)
      if (outcome.kind === 'failed' && batch.length > 1) return this.askOneByOne(batch) // one bad posting must not fail the rest
      if (!(err instanceof OzonError)) this.ctx.log.error('labels: asking Ozon failed unexpectedly', { error: String(err) })
      for (const n of numbers) out.set(n, outcome)
      return out
    }
    const unsure: LabelRecord[] = []
    for (const answer of answers) {
      for (const u of answer.unprinted) {
        const message = u.message || 'Ozon did not print this label'
        out.set(u.posting_number, NOT_READY.test(message) ? { kind: 'again', reason: { code: 'not_ready', message } } : { kind: 'failed', reason: { code: message, message } })
      }
      const printed = answer.printed.filter((n) => numbers.includes(n))
      if (!answer.pdf || printed.length === 0) continue
      const labels = await labelsOf(new Uint8Array(answer.pdf), printed)
      if (labels) printed.forEach((n, i) => out.set(n, { kind: 'ready', pdf: labels[i]! }))
      else if (printed.length === 1) out.set(printed[0]!, UNREADABLE)
      else unsure.push(...batch.filter((r) => printed.includes(r.postingNumber))) // asked again one posting per task
    }
    if (unsure.length > 0) for (const [n, o] of await this.askOneByOne(unsure)) out.set(n, o)
    for (const n of numbers) {
      if (!out.has(n)) out.set(n, { kind: 'again', reason: { code: 'not_ready', message: 'Ozon did not answer for this posting' } })
    }
    return out
  }

  private async askOneByOne(batch: LabelRecord[]): Promise<Map<string, Outcome>> {
    const out = new Map<string, Outcome>()
    for (const r of batch) for (const [n, o] of await this.ask([r])) out.set(n, o)
    return out
  }

  private async checkpoint(step: FetchStep, records: LabelRecord[]): Promise<void> {
    await this.opts.checkpoint?.(step, records.map((r) => r.postingNumber))
  }
}

const key = (r: Pick<LabelRecord, 'accountId' | 'postingNumber'>) => postingKey(r.accountId, r.postingNumber)

/** A label file Ozon sent that cannot be used: asked for again, like any answer that went wrong on the way. */
const UNREADABLE: Outcome = { kind: 'again', reason: { code: 'malformed', message: 'Ozon sent a label file that cannot be read; asking again' } }

/**
 * Each printed posting's label out of Ozon's PDF, read once: the whole PDF when one posting was asked for, else one
 * page each when every page names its own posting (page-check.ts). Null when the pages cannot be told apart, or the
 * file has no page or cannot be read at all.
 */
async function labelsOf(pdf: Uint8Array, printed: string[]): Promise<Uint8Array[] | null> {
  try {
    if (printed.length === 1) return (await pdfPageCount(pdf)) > 0 ? [pdf] : null
    return (await pagesInOrder(pdf, printed)) ? await splitPdf(pdf) : null
  } catch {
    return null // neither pdf-lib nor pdf.js can read it
  }
}

function outcomeOfError(err: unknown): Outcome {
  if (err instanceof OzonError) {
    // Ozon unreachable: the code says how (network, timeout, server, rate_limit); a refusal: Ozon's own word.
    if (TRANSIENT_KINDS.has(err.kind)) return { kind: 'again', reason: { code: err.kind, message: err.human } }
    if (NOT_READY.test(err.ozonMessage)) return { kind: 'again', reason: { code: 'not_ready', message: err.ozonMessage } }
    return { kind: 'failed', reason: { code: err.ozonMessage || err.kind, message: err.human } }
  }
  return { kind: 'again', reason: { code: 'internal', message: 'The station could not ask Ozon for the label; it tries again' } }
}
