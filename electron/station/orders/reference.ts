// Reference data per account — the seller's warehouses and delivery methods (with their carriers) — cached in
// the orders document and refreshed on its own, slower schedule than the postings: it changes rarely, and
// Ozon limits the warehouse method to about one call a minute.
import type { Logger } from '../../../shared/log'
import type { StoredDocument } from '../../store'
import type { Account } from '../accounts'
import type { EventBus } from '../events'
import type { OrdersData } from './document'
import { deliveryMethodFromOzon, warehouseFromOzon } from './from-ozon'

/** How old the cached reference data may get before the background refresh fetches it again. */
export const REFERENCE_MAX_AGE_MS = 6 * 60 * 60 * 1000

export interface ReferenceDeps {
  doc: StoredDocument<OrdersData>
  accounts: () => Account[]
  events: EventBus
  log: Logger
  now: () => Date
}

export class ReferenceData {
  private timer: NodeJS.Timeout | null = null
  private refreshing: Promise<void> | null = null

  constructor(private readonly deps: ReferenceDeps) {}

  has(accountId: string): boolean {
    return accountId in this.deps.doc.data.referenceFetchedAt
  }

  /** Fetches one account's reference data now; answers the reason when it failed (the cached copy stays). */
  async refresh(account: Account): Promise<string | null> {
    const { doc, events, log, now } = this.deps
    events.emit('sync.progress', { phase: 'reference', accountId: account.id, fetched: 0, total: null })
    try {
      const [warehouses, methods] = await Promise.all([account.client.listWarehouses(), account.client.listDeliveryMethods()])
      await doc.update((d) => {
        d.warehouses = [...d.warehouses.filter((w) => w.accountId !== account.id), ...warehouses.map((w) => warehouseFromOzon(w, account.id))]
        d.deliveryMethods = [
          ...d.deliveryMethods.filter((m) => m.accountId !== account.id),
          ...methods.map((m) => deliveryMethodFromOzon(m, account.id)),
        ]
        d.referenceFetchedAt[account.id] = now().toISOString()
      })
      return null
    } catch (err) {
      const message = err instanceof Error && 'human' in err ? String((err as { human: string }).human) : String(err)
      log.warn(`reference data of account ${account.label} could not be refreshed; keeping the cached copy`, { error: message })
      return message
    }
  }

  /** Refreshes every account whose copy is older than REFERENCE_MAX_AGE_MS (or missing). */
  refreshStale(): Promise<void> {
    this.refreshing ??= (async () => {
      const nowMs = this.deps.now().getTime()
      for (const account of this.deps.accounts()) {
        const at = this.deps.doc.data.referenceFetchedAt[account.id]
        if (!at || nowMs - Date.parse(at) >= REFERENCE_MAX_AGE_MS) await this.refresh(account)
      }
    })().finally(() => (this.refreshing = null))
    return this.refreshing
  }

  /** Checks for stale reference data every `everyMs` (an hour by default) in the background. */
  startSchedule(everyMs = 60 * 60 * 1000): void {
    this.stopSchedule()
    this.timer = setInterval(() => void this.refreshStale(), everyMs)
    this.timer.unref()
  }

  stopSchedule(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  async settle(): Promise<void> {
    await this.refreshing?.catch(() => undefined)
  }
}
