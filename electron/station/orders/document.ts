// The orders document (<dataDir>/orders.json): the postings Ozon last gave us, the reference data, and
// how the last sync went. Written by the sync (once per sync) and by packing when it learns a posting's new
// state; the inbox index is rebuilt after every write (see watched-document.ts).
import { z } from 'zod'
import { SyncResult } from '../../../shared/contract'
import { Posting } from '../../../shared/domain/posting'
import { DeliveryMethod, Warehouse } from '../../../shared/domain/reference'
import type { DocumentSpec } from '../../store'

/** A posting that left Ozon's unfulfilled list: it is read again on its own to learn where it went. */
export const Unlisted = z.object({
  /** When a complete sync first missed it. */
  since: z.string(),
  /** When it was last read again (null: not yet). */
  checkedAt: z.string().nullable(),
  /** Its status is final (delivered, cancelled…) — no more re-reads; pruned after a while. */
  settled: z.boolean(),
})
export type Unlisted = z.infer<typeof Unlisted>

export const OrdersData = z.object({
  /** Keyed by `postingKey()`. */
  postings: z.record(z.string(), Posting),
  warehouses: z.array(Warehouse),
  deliveryMethods: z.array(DeliveryMethod),
  /** When the reference data of each account was fetched. */
  referenceFetchedAt: z.record(z.string(), z.string()),
  lastSync: SyncResult.nullable(),
  /** When the data in `postings` was last complete and fresh. */
  lastGoodSyncAt: z.string().nullable(),
  /** Keyed by `postingKey()`: postings no longer in the unfulfilled list. */
  unlisted: z.record(z.string(), Unlisted).default({}),
  /**
   * Keyed by `postingKey()`: when a sync first saw the posting move past packaging. "Packed today" of a posting
   * packed elsewhere (another bench, the seller cabinet) comes from here; this bench's own packing comes from
   * its ship journal.
   */
  leftPackingAt: z.record(z.string(), z.string()).default({}),
})
export type OrdersData = z.infer<typeof OrdersData>

export const ordersDocument: DocumentSpec<OrdersData> = {
  name: 'orders',
  version: 1,
  schema: OrdersData,
  defaults: () => ({
    postings: {},
    warehouses: [],
    deliveryMethods: [],
    referenceFetchedAt: {},
    lastSync: null,
    lastGoodSyncAt: null,
    unlisted: {},
    leftPackingAt: {},
  }),
}

export function postingKey(accountId: string, postingNumber: string): string {
  return `${accountId}/${postingNumber}`
}
