// The orders document (<dataDir>/orders.json): the postings Ozon last gave us, the reference data, and
// how the last sync went. It is rewritten only by a sync, so packing and printing never wait on it.
import { z } from 'zod'
import { SyncResult } from '../../../shared/contract'
import { Posting } from '../../../shared/domain/posting'
import { DeliveryMethod, Warehouse } from '../../../shared/domain/reference'
import type { DocumentSpec } from '../../store'

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
})
export type OrdersData = z.infer<typeof OrdersData>

export const ordersDocument: DocumentSpec<OrdersData> = {
  name: 'orders',
  version: 1,
  schema: OrdersData,
  defaults: () => ({ postings: {}, warehouses: [], deliveryMethods: [], referenceFetchedAt: {}, lastSync: null, lastGoodSyncAt: null }),
}

export function postingKey(accountId: string, postingNumber: string): string {
  return `${accountId}/${postingNumber}`
}
