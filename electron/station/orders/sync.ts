// Pulls the unfulfilled postings (every status the list returns, so postings packed elsewhere or
// cancelled are seen too) and the reference data of every account into the orders document.
// A failed sync keeps the last good data and records when it was taken; a sync already running is
// joined, never doubled.
import type { SyncResult } from '../../../shared/contract'
import type { Posting } from '../../../shared/domain/posting'
import type { Logger } from '../../../shared/log'
import type { StoredDocument } from '../../store'
import type { Account } from '../accounts'
import type { EventBus } from '../events'
import { deliveryMethodFromOzon, postingFromOzon, warehouseFromOzon } from './from-ozon'
import { postingKey, type OrdersData } from './document'

const DAY = 24 * 60 * 60 * 1000
/** Ship-by window asked from Ozon: long-overdue postings are still the packer's business; a year is Ozon's maximum. */
const WINDOW_PAST_DAYS = 60
const WINDOW_FUTURE_DAYS = 30
const REFERENCE_MAX_AGE = 6 * 60 * 60 * 1000

export interface OrdersSyncDeps {
  doc: StoredDocument<OrdersData>
  accounts: () => Account[]
  events: EventBus
  log: Logger
  now: () => Date
}

export class OrdersSync {
  private running: Promise<SyncResult> | null = null
  private timer: NodeJS.Timeout | null = null

  constructor(private readonly deps: OrdersSyncDeps) {}

  /** Runs a sync now, or joins the one in progress. */
  run(): Promise<SyncResult> {
    if (!this.running) this.running = this.syncAll().finally(() => (this.running = null))
    return this.running
  }

  /** Syncs now and then every `minutes`; 0 means only on demand (no sync at start either). */
  startBackground(minutes: number): void {
    this.stopBackground()
    if (minutes <= 0) return
    void this.run()
    this.timer = setInterval(() => void this.run(), minutes * 60_000)
    this.timer.unref()
  }

  stopBackground(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Waits for a sync in progress (used on shutdown). */
  async settle(): Promise<void> {
    await this.running?.catch(() => undefined)
  }

  private async syncAll(): Promise<SyncResult> {
    const { doc, events, log, now } = this.deps
    const startedAt = now().toISOString()
    const totals = { fetched: 0, added: 0, updated: 0, removed: 0 }
    const errors: string[] = []

    for (const account of this.deps.accounts()) {
      try {
        await this.syncReference(account)
        const fresh = await this.fetchPostings(account)
        Object.assign(totals, addCounts(totals, mergeAccount(doc.data, account.id, fresh)))
        totals.fetched += fresh.length
      } catch (err) {
        const message = err instanceof Error && 'human' in err ? String((err as { human: string }).human) : String(err)
        errors.push(`${account.label}: ${message}`)
        log.warn(`sync of account ${account.label} failed; keeping the last good data`, { error: message })
        events.emit('sync.progress', { phase: 'failed', accountId: account.id, fetched: 0, total: null, message })
      }
    }

    const finishedAt = now().toISOString()
    const result: SyncResult = { ok: errors.length === 0, startedAt, finishedAt, ...totals }
    if (errors.length > 0) result.error = errors.join('; ')
    await doc.update((d) => {
      d.lastSync = result
      if (result.ok) d.lastGoodSyncAt = finishedAt
    })
    log.info(`sync ${result.ok ? 'done' : 'failed'}`, { ...totals, error: result.error })
    return result
  }

  private async syncReference(account: Account): Promise<void> {
    const { doc, now, events } = this.deps
    const last = doc.data.referenceFetchedAt[account.id]
    if (last && now().getTime() - Date.parse(last) < REFERENCE_MAX_AGE) return
    events.emit('sync.progress', { phase: 'reference', accountId: account.id, fetched: 0, total: null })
    const [warehouses, methods] = await Promise.all([account.client.listWarehouses(), account.client.listDeliveryMethods()])
    await doc.update((d) => {
      d.warehouses = [...d.warehouses.filter((w) => w.accountId !== account.id), ...warehouses.map((w) => warehouseFromOzon(w, account.id))]
      d.deliveryMethods = [
        ...d.deliveryMethods.filter((m) => m.accountId !== account.id),
        ...methods.map((m) => deliveryMethodFromOzon(m, account.id)),
      ]
      d.referenceFetchedAt[account.id] = now().toISOString()
    })
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
    events.emit('sync.progress', { phase: 'done', accountId: account.id, fetched: out.length, total: out.length })
    return out
  }
}

interface Counts {
  added: number
  updated: number
  removed: number
}

/** Replaces one account's postings with a complete fresh set, counting what changed. */
function mergeAccount(data: OrdersData, accountId: string, fresh: Posting[]): Counts {
  const counts: Counts = { added: 0, updated: 0, removed: 0 }
  const seen = new Set<string>()
  for (const p of fresh) {
    const key = postingKey(accountId, p.postingNumber)
    seen.add(key)
    const old = data.postings[key]
    if (!old) counts.added++
    else if (changed(old, p)) counts.updated++
    data.postings[key] = p
  }
  for (const [key, p] of Object.entries(data.postings)) {
    if (p.accountId === accountId && !seen.has(key)) {
      // No longer unfulfilled at Ozon (delivered, or gone from the window): it leaves the inbox.
      delete data.postings[key]
      counts.removed++
    }
  }
  return counts
}

function changed(a: Posting, b: Posting): boolean {
  return JSON.stringify({ ...a, syncedAt: '' }) !== JSON.stringify({ ...b, syncedAt: '' })
}

function addCounts(totals: { fetched: number } & Counts, c: Counts) {
  return { added: totals.added + c.added, updated: totals.updated + c.updated, removed: totals.removed + c.removed }
}
