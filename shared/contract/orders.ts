import { z } from 'zod'
import { Posting } from '../domain/posting'
import { method } from './define'

export const SyncPhase = z.enum(['reference', 'postings', 'done', 'failed'])

export const SyncProgress = z.object({
  phase: SyncPhase,
  accountId: z.string(),
  fetched: z.number().int().nonnegative(),
  /** Ozon's total when it tells one (v3 count); null while unknown. */
  total: z.number().int().nonnegative().nullable(),
  message: z.string().optional(),
})
export type SyncProgress = z.infer<typeof SyncProgress>

export const SyncResult = z.object({
  ok: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string(),
  fetched: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  /** Set when the sync failed; the last good data stays in place. */
  error: z.string().optional(),
})
export type SyncResult = z.infer<typeof SyncResult>

export const OrdersListArgs = z.object({
  statuses: z.array(z.string()).optional(),
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(1000).default(200),
})

export const OrdersList = z.object({
  total: z.number().int(),
  postings: z.array(Posting),
  lastSync: SyncResult.nullable(),
})

export const ordersMethods = {
  'orders.sync': method('Fetch unfulfilled postings and reference data from Ozon now.', z.object({}), SyncResult),
  'orders.list': method('Postings in the inbox, soonest ship-by first.', OrdersListArgs, OrdersList),
  'orders.get': method('One posting by its number.', z.object({ postingNumber: z.string().trim().min(1) }), Posting),
}

export const ordersEvents = {
  'sync.progress': SyncProgress,
}
