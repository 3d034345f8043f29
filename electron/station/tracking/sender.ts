// Sending tracking numbers to Ozon through the operation journal (kind `tracking`, key = posting number):
//
//   intent   the number is durably in the journal before anything is sent (set by the service); an open entry is
//            simply sent (again) — setting the same number twice changes nothing at Ozon, so unlike a ship no
//            "called" step needs recording, and a failed attempt leaves the entry as it was (why Ozon could not be
//            reached is kept once, in tracking.json's `offline`);
//   closed   `accepted` / `rejected` (Ozon's per-item answer, with its reason) or `superseded` (a newer number
//            for the same package was typed before this one went out — it is never sent).
// So a number costs two journal writes (intent, outcome), however many times it waits for Ozon.
//
// Waiting numbers go in batches of at most 20 per account. When Ozon cannot be reached they stay open and are sent
// by a retry timer, after the next successful sync, or when the station starts again — whichever comes first.
import { StationError } from '../../../shared/errors'
import { planTrackingBatches, type PendingNumber } from '../../../shared/domain/tracking'
import { OzonError, type ItemResult } from '../../ozon'
import type { JournalEntry, StoredDocument } from '../../store'
import type { StationContext } from '../context'
import { postingKey } from '../orders/document'
import type { TrackingData } from './document'
import { z } from 'zod'

export const TRACKING_KIND = 'tracking'

export const TrackingIntent = z.object({ accountId: z.string(), postingNumber: z.string(), trackingNumber: z.string() })
export type TrackingIntent = z.infer<typeof TrackingIntent>

export interface SenderOptions {
  /** Waits between attempts while Ozon cannot be reached (the last one repeats). */
  retryDelaysMs?: number[]
  /** Pairs per call (Ozon: at most 20). */
  batchSize?: number
}

export interface FlushOutcome {
  /** Calls that reached Ozon. */
  calls: number
  accepted: string[]
  rejected: string[]
  /** Still waiting (Ozon unreachable, account missing). */
  waiting: number
  /** Why the waiting ones wait ('' when none do). */
  message: string
}

/** Failures after which the same numbers are simply sent again later. */
const TRANSIENT = new Set(['network', 'timeout', 'server', 'rate_limit', 'malformed'])
/** Failures a person must fix (key, role) — the numbers keep waiting until then. */
const NEEDS_PERSON = new Set(['auth', 'forbidden', 'not_found'])

export class TrackingSender {
  private running: Promise<FlushOutcome> | null = null
  private again = false
  private timer: NodeJS.Timeout | null = null
  private failures = 0
  private closed = false

  constructor(
    private readonly ctx: StationContext,
    private readonly doc: StoredDocument<TrackingData>,
    private readonly opts: SenderOptions = {},
    /** Called after every flush that changed something. */
    private readonly changed: (postingNumbers: string[], reason: 'sent' | 'offline') => void = () => {},
  ) {}

  /** Numbers still waiting for Ozon, oldest first. */
  pending(): JournalEntry[] {
    return this.ctx.journal.openEntries(TRACKING_KIND)
  }

  /** Sends every waiting number now (joins a send in progress, then runs once more for numbers added meanwhile). */
  flush(): Promise<FlushOutcome> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.clearTimer()
    const run = async (): Promise<FlushOutcome> => {
      let out: FlushOutcome
      do {
        this.again = false
        out = await this.flushOnce()
      } while (this.again && out.waiting === 0 && !this.closed)
      return out
    }
    this.running = run().finally(() => {
      this.running = null
      // Waiting numbers get the retry timer; a successful call resets it.
      if (this.pending().length > 0) this.schedule()
      else this.failures = 0
    })
    return this.running
  }

  /** Waits for a send in progress (shutdown) and stops the timer. */
  async close(): Promise<void> {
    this.closed = true
    this.clearTimer()
    await this.running?.catch(() => undefined)
  }

  private async flushOnce(): Promise<FlushOutcome> {
    const out: FlushOutcome = { calls: 0, accepted: [], rejected: [], waiting: 0, message: '' }
    const open = this.pending()
    const pending: PendingNumber[] = []
    for (const e of open) {
      const intent = TrackingIntent.safeParse(e.intent)
      if (!intent.success) {
        await this.ctx.journal.close(e.id, { state: 'failed', error: { code: 'bad_intent', message: 'The recorded number cannot be read' } })
        continue
      }
      pending.push({ id: e.id, ...intent.data, createdAt: e.createdAt })
    }
    const plan = planTrackingBatches(pending, this.opts.batchSize)
    for (const old of plan.superseded) await this.ctx.journal.close(old.id, { state: 'superseded' })

    for (const [i, batch] of plan.batches.entries()) {
      const account = this.ctx.accounts.get(batch.accountId)
      if (!account) {
        out.waiting += batch.entries.length
        out.message = `The Ozon account ${batch.accountId} is not connected`
        continue
      }
      await this.markRecords(batch.entries, 'sending')
      let answer: ItemResult[]
      try {
        answer = await account.client.setTrackingNumbers(batch.entries.map((e) => ({ postingNumber: e.postingNumber, trackingNumber: e.trackingNumber })))
      } catch (err) {
        const kind = err instanceof OzonError ? err.kind : 'internal'
        if (TRANSIENT.has(kind) || NEEDS_PERSON.has(kind) || !(err instanceof OzonError)) {
          // Nothing is lost: the entries stay open; this and every later batch wait for Ozon.
          const message = err instanceof OzonError ? err.human : 'The station could not send the tracking numbers; it will try again'
          if (!(err instanceof OzonError)) this.ctx.log.error('tracking: sending failed unexpectedly', { error: String(err) })
          const waitingNow = plan.batches.slice(i).flatMap((b) => b.entries)
          await this.markRecords(waitingNow, 'waiting')
          await this.doc.update((d) => {
            d.offline ??= { since: this.ctx.now().toISOString(), message }
            d.offline.message = message
          })
          out.waiting += waitingNow.length
          out.message = message
          this.changed(
            waitingNow.map((e) => e.postingNumber),
            'offline',
          )
          return out
        }
        // Ozon refused the whole call (validation/business): every pair of it carries Ozon's reason.
        answer = batch.entries.map((e) => ({ posting_number: e.postingNumber, ok: false, error: err.ozonMessage || err.kind }))
      }
      out.calls++
      if (this.doc.data.offline) {
        // Ozon answers again.
        await this.doc.update((d) => {
          d.offline = null
        })
      }
      await this.applyAnswer(batch.entries, answer, out)
    }
    return out
  }

  /** Ozon's per-item answer → journal closed, record updated, orders document knows the accepted number. */
  private async applyAnswer(entries: PendingNumber[], answer: ItemResult[], out: FlushOutcome): Promise<void> {
    const at = this.ctx.now().toISOString()
    const byPosting = new Map(answer.map((a) => [a.posting_number, a]))
    const accepted: PendingNumber[] = []
    for (const e of entries) {
      const a = byPosting.get(e.postingNumber) ?? { posting_number: e.postingNumber, ok: false, error: 'NO_ANSWER_FOR_POSTING' }
      const error = a.ok ? null : { code: a.error, message: reasonText(a.error) }
      await this.ctx.journal.close(e.id, { state: a.ok ? 'accepted' : 'rejected', result: { ok: a.ok, error: a.error }, error })
      if (a.ok) {
        accepted.push(e)
        out.accepted.push(e.postingNumber)
      } else out.rejected.push(e.postingNumber)
    }
    await this.doc.update((d) => {
      for (const e of entries) {
        const r = d.records[postingKey(e.accountId, e.postingNumber)]
        // A newer number typed while this call was under way has its own entry: leave its record alone.
        if (!r || r.journalId !== e.id) continue
        const a = byPosting.get(e.postingNumber)
        r.journalId = null
        r.attempts += 1
        if (a?.ok) {
          r.state = 'accepted'
          r.error = null
          r.acceptedAt = at
        } else {
          r.state = 'rejected'
          r.error = { code: a?.error ?? 'NO_ANSWER_FOR_POSTING', message: reasonText(a?.error ?? 'NO_ANSWER_FOR_POSTING') }
        }
      }
    })
    if (accepted.length > 0) {
      // The inbox and the dispatch checks read the orders document: tell it before the next sync does.
      await this.ctx.orders.update((d) => {
        for (const e of accepted) {
          const p = d.postings[postingKey(e.accountId, e.postingNumber)]
          if (p) p.trackingNumber = e.trackingNumber
        }
      })
    }
    for (const e of entries) {
      const a = byPosting.get(e.postingNumber)
      const entry = this.ctx.journal.get(e.id)
      await this.ctx.audit.append({
        operator: entry?.operator ?? '',
        bench: entry?.bench ?? '',
        action: a?.ok ? 'tracking.accepted' : 'tracking.rejected',
        postingNumber: e.postingNumber,
        details: { trackingNumber: e.trackingNumber, ...(a?.ok ? {} : { reason: a?.error ?? 'NO_ANSWER_FOR_POSTING' }) },
      })
    }
    this.changed(
      entries.map((e) => e.postingNumber),
      'sent',
    )
  }

  private async markRecords(entries: PendingNumber[], state: 'waiting' | 'sending'): Promise<void> {
    await this.doc.update((d) => {
      for (const e of entries) {
        const r = d.records[postingKey(e.accountId, e.postingNumber)]
        if (r && r.journalId === e.id) r.state = state
      }
    })
  }

  private schedule(): void {
    if (this.closed || this.timer) return
    const delays = this.opts.retryDelaysMs ?? [2_000, 5_000, 15_000, 30_000, 60_000, 120_000]
    const delay = delays[Math.min(this.failures, delays.length - 1)] ?? 120_000
    this.failures++
    this.timer = setTimeout(() => {
      this.timer = null
      void this.flush().catch((err: unknown) => this.ctx.log.warn('tracking: retry failed', { error: String(err) }))
    }, delay)
    this.timer.unref()
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}

/** Ozon's per-item reasons are codes without published texts (§8.1); the known ones in words. */
export function reasonText(code: string): string {
  switch (code) {
    case 'INVALID_TRACKING_NUMBER':
      return 'Ozon says the tracking number is not valid — check it against the carrier’s label'
    case 'HAS_INCORRECT_STATUS':
      return 'Ozon does not take a tracking number for this posting in its current status'
    case 'HAS_INCORRECT_TPL_INTEGRATION_TYPE':
      return 'This delivery scheme takes no tracking number from the seller'
    case 'POSTING_NOT_FOUND':
      return 'Ozon does not know this posting'
    case 'NO_ANSWER_FOR_POSTING':
      return 'Ozon did not answer for this posting — send it again'
    default:
      return `Ozon refused the number: ${code}`
  }
}

export function notFound(postingNumber: string): StationError {
  return new StationError({
    code: 'not_found',
    message: `Posting ${postingNumber} is not known to the station. Sync the orders, or check the number.`,
    key: 'tracking:errors.postingNotFound',
    params: { postingNumber },
  })
}
