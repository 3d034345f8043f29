// Pulls the unfulfilled postings of every account (every status the list returns, so postings packed
// elsewhere or cancelled are seen too) into the orders document, and reads postings that left the list again
// one by one (bounded per sync) to learn whether they were delivered, cancelled or are gone.
//
// A sync is all or nothing per account: the document changes only after every page of an account arrived, so
// a failed sync keeps the last good data and records when it was taken. A sync already running is joined,
// never doubled. Reference data (warehouses, delivery methods) is refreshed on its own schedule (reference.ts).
import type { SyncFailure, SyncResult } from '../../../shared/contract'
import type { Posting } from '../../../shared/domain/posting'
import type { Logger } from '../../../shared/log'
import { OzonError } from '../../ozon'
import type { StoredDocument } from '../../store'
import type { Account } from '../accounts'
import type { EventBus } from '../events'
import { postingKey, type OrdersData } from './document'
import { postingFromOzon } from './from-ozon'
import { applyReread, ChangeLog, mergeListed, postingsToReread, pruneSettled } from './merge'
import type { ReferenceData } from './reference'

const DAY = 24 * 60 * 60 * 1000
/** Ship-by window asked from Ozon: long-overdue postings are still the packer's business; a year is Ozon's maximum. */
const WINDOW_PAST_DAYS = 60
const WINDOW_FUTURE_DAYS = 30
/** At most this many postings that left the list are read again per account and sync; the rest wait their turn. */
export const MAX_REREADS_PER_SYNC = 50
const REREAD_CONCURRENCY = 4
/** Status changes kept in a sync result (the counts are always complete). */
const MAX_CHANGES = 200
/**
 * A sync that changed nothing but fetch times is kept in memory and written with the next real change — or
 * after this long — so a bench with 10,000 postings does not rewrite an 18 MB file every five minutes.
 */
export const WRITE_UNCHANGED_AFTER_MS = 30 * 60 * 1000

export interface OrdersSyncDeps {
  doc: StoredDocument<OrdersData>
  accounts: () => Account[]
  reference: ReferenceData
  events: EventBus
  log: Logger
  now: () => Date
  /** Called once a sync is over (also a failed one), when `isRunning` is false again. */
  onFinished?: () => void
}

/** What one account's sync brought, applied to the document in one write once every account is done. */
interface AccountOutcome {
  account: Account
  fresh: Posting[]
  /** Postings that left the list, read again: key → the posting now, or 'gone'. */
  reread: Map<string, Posting | 'gone'>
  /** Left the list, not read again this time (bound reached, or the read failed). */
  pending: number
}

export class OrdersSync {
  private running: Promise<SyncResult> | null = null
  private lastWriteMs = 0

  constructor(private readonly deps: OrdersSyncDeps) {}

  get isRunning(): boolean {
    return this.running !== null
  }

  /** Runs a sync now, or joins the one in progress. */
  run(): Promise<SyncResult> {
    if (!this.running) {
      this.running = this.syncAll().finally(() => {
        this.running = null
        this.deps.onFinished?.()
      })
    }
    return this.running
  }

  /** Waits for a sync in progress (used on shutdown). */
  async settle(): Promise<void> {
    await this.running?.catch(() => undefined)
  }

  private async syncAll(): Promise<SyncResult> {
    const { doc, events, log, now, reference } = this.deps
    const startedAt = now().toISOString()
    const outcomes: AccountOutcome[] = []
    const errors: string[] = []
    const referenceErrors: string[] = []
    let failure: SyncFailure | undefined

    for (const account of this.deps.accounts()) {
      // Reference data has its own schedule; a sync fetches it only when the account has none yet.
      if (!reference.has(account.id)) {
        const refError = await reference.refresh(account)
        if (refError) referenceErrors.push(`${account.label}: ${refError}`)
      }
      try {
        const fresh = await this.fetchPostings(account)
        const reread = await this.rereadLeftovers(account, fresh)
        outcomes.push({ account, fresh, ...reread })
        events.emit('sync.progress', { phase: 'done', accountId: account.id, fetched: fresh.length, total: fresh.length })
      } catch (err) {
        const message = describe(err)
        failure ??= failureOf(err)
        errors.push(`${account.label}: ${message}`)
        log.warn(`sync of account ${account.label} failed; keeping the last good data`, { error: message })
        events.emit('sync.progress', { phase: 'failed', accountId: account.id, fetched: 0, total: null, message })
      }
    }

    const finishedAt = now().toISOString()
    const changes = new ChangeLog()
    const result: SyncResult = {
      ok: errors.length === 0,
      startedAt,
      finishedAt,
      fetched: outcomes.reduce((n, o) => n + o.fresh.length, 0),
      added: 0,
      updated: 0,
      removed: 0,
      changes: [],
      rechecked: outcomes.reduce((n, o) => n + o.reread.size, 0),
      recheckPending: outcomes.reduce((n, o) => n + o.pending, 0),
    }
    if (errors.length > 0) {
      result.error = errors.join('; ')
      result.failure = failure
    }
    if (referenceErrors.length > 0) result.referenceError = referenceErrors.join('; ')

    // Applied in memory first (synchronously, nothing interleaves), then written when worth it.
    const d = doc.data
    const outcomeChanged = d.lastSync?.ok !== result.ok || d.lastSync?.failure !== result.failure
    for (const o of outcomes) {
      mergeListed(d, o.account.id, o.fresh, finishedAt, changes)
      for (const [key, posting] of o.reread) applyReread(d, key, posting, finishedAt, changes)
    }
    pruneSettled(d, now().getTime(), changes)
    Object.assign(result, changes.counts)
    result.changes = changes.changes.slice(0, MAX_CHANGES)
    d.lastSync = result
    if (result.ok) d.lastGoodSyncAt = finishedAt
    const nowMs = now().getTime()
    if (changes.any || outcomeChanged || nowMs - this.lastWriteMs >= WRITE_UNCHANGED_AFTER_MS) {
      await doc.update(() => {})
      this.lastWriteMs = nowMs
    }
    log.info(`sync ${result.ok ? 'done' : 'failed'}`, {
      fetched: result.fetched,
      added: result.added,
      updated: result.updated,
      removed: result.removed,
      statusChanges: changes.changes.length,
      rechecked: result.rechecked,
      error: result.error,
    })
    return result
  }

  private async fetchPostings(account: Account): Promise<Posting[]> {
    const { events, now } = this.deps
    const t = now().getTime()
    const syncedAt = now().toISOString()
    const out: Posting[] = []
    events.emit('sync.progress', { phase: 'postings', accountId: account.id, fetched: 0, total: null })
    for await (const page of account.client.unfulfilledPages({
      cutoffFrom: new Date(t - WINDOW_PAST_DAYS * DAY).toISOString(),
      cutoffTo: new Date(t + WINDOW_FUTURE_DAYS * DAY).toISOString(),
      pageSize: 100,
    })) {
      for (const p of page.postings) out.push(postingFromOzon(p, account.id, syncedAt))
      events.emit('sync.progress', { phase: 'postings', accountId: account.id, fetched: out.length, total: page.total })
    }
    return out
  }

  /**
   * Postings the complete list no longer holds are read again one by one (at most MAX_REREADS_PER_SYNC), so
   * the station learns "delivered", "cancelled" or "gone" instead of silently dropping them. A read that fails
   * for a network reason leaves the posting as it was; it is tried again next sync.
   */
  private async rereadLeftovers(account: Account, fresh: Posting[]): Promise<Pick<AccountOutcome, 'reread' | 'pending'>> {
    const { doc, events, log, now } = this.deps
    const listed = new Set(fresh.map((p) => postingKey(account.id, p.postingNumber)))
    const due = postingsToReread(doc.data, account.id, listed, now().getTime())
    const batch = due.slice(0, MAX_REREADS_PER_SYNC)
    const reread = new Map<string, Posting | 'gone'>()
    if (batch.length === 0) return { reread, pending: 0 }

    events.emit('sync.progress', { phase: 'recheck', accountId: account.id, fetched: 0, total: batch.length })
    let done = 0
    let failed = 0
    const queue = [...batch]
    const worker = async () => {
      for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
        const number = doc.data.postings[key]?.postingNumber
        if (!number) continue
        try {
          reread.set(key, postingFromOzon(await account.client.getPosting(number, { productExemplars: false, relatedPostings: false }), account.id, now().toISOString()))
        } catch (err) {
          if (err instanceof OzonError && err.kind === 'not_found') reread.set(key, 'gone')
          else {
            failed++
            log.warn(`posting ${number} left the unfulfilled list and could not be read again; trying next sync`, { error: describe(err) })
          }
        }
        events.emit('sync.progress', { phase: 'recheck', accountId: account.id, fetched: ++done, total: batch.length })
      }
    }
    await Promise.all(Array.from({ length: Math.min(REREAD_CONCURRENCY, batch.length) }, worker))
    return { reread, pending: due.length - batch.length + failed }
  }
}

export function describe(err: unknown): string {
  if (err instanceof OzonError) return err.human
  return err instanceof Error ? err.message : String(err)
}

function failureOf(err: unknown): SyncFailure {
  if (!(err instanceof OzonError)) return 'internal'
  if (['network', 'timeout', 'server', 'rate_limit'].includes(err.kind)) return 'unreachable'
  if (err.kind === 'auth' || err.kind === 'forbidden') return 'auth'
  return 'rejected'
}
