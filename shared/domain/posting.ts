// The station's own model of an Ozon posting (FBS "отправление"), independent of Ozon's wire format.
// The Ozon client validates Ozon's JSON; electron/station maps it into this shape, which the contract,
// the store and the renderer share. Ids that are int64 at Ozon (order, warehouse, delivery method,
// carrier) are strings here so no precision question ever arises; SKUs stay numbers as Ozon's ship expects.
import { z } from 'zod'

export const Money = z.object({
  amount: z.number(),
  currency: z.string(), // RUB, BYN, KZT, EUR, USD, CNY
})
export type Money = z.infer<typeof Money>

/** Delivery schemes (Ozon's `tpl_integration_type`). Unknown future values pass through as strings. */
export const KNOWN_INTEGRATION_TYPES = ['ozon', 'aggregator', '3pl_tracking', 'non_integrated', 'hybryd'] as const
export type IntegrationType = (typeof KNOWN_INTEGRATION_TYPES)[number] | (string & {})

/** Posting statuses the unfulfilled list can return, plus the ones a finished posting reaches. */
export const KNOWN_STATUSES = [
  'awaiting_verification',
  'awaiting_approve',
  'acceptance_in_progress',
  'awaiting_packaging',
  'awaiting_registration',
  'awaiting_deliver',
  'driver_pickup',
  'delivering',
  'delivered',
  'arbitration',
  'client_arbitration',
  'not_accepted',
  'sent_by_seller',
  'cancelled',
  'cancelled_from_split_pending',
] as const
export type PostingStatus = (typeof KNOWN_STATUSES)[number] | (string & {})

export const PostingItem = z.object({
  sku: z.number().int(),
  offerId: z.string(),
  name: z.string(),
  quantity: z.number().int().positive(),
  price: Money,
  /** Ozon lists this SKU in `requirements.products_requiring_mandatory_mark` (Честный ЗНАК). */
  requiresMarkingCode: z.boolean(),
})
export type PostingItem = z.infer<typeof PostingItem>

/** One step of Ozon's speed tariff (`tariffication_steps`): what applies until `deadlineAt`. */
export const TariffStep = z.object({
  type: z.string(), // 'discount' | 'commission' | 'no_discount' | …
  ratePercent: z.number(), // e.g. 3 for "−3 %" when type is discount
  charge: Money.nullable(), // fixed surcharge, e.g. 50 RUB
  minCharge: Money.nullable(),
  deadlineAt: z.string(), // ISO UTC: the step ends here and the next one begins
})
export type TariffStep = z.infer<typeof TariffStep>

export const Posting = z.object({
  /** Which connected Ozon account (seller cabinet) this posting belongs to. */
  accountId: z.string(),
  postingNumber: z.string(),
  orderNumber: z.string(),
  orderId: z.string(),
  parentPostingNumber: z.string(), // '' when the posting was not split off another one
  status: z.string() as z.ZodType<PostingStatus>,
  substatus: z.string(),
  warehouse: z.object({ id: z.string(), name: z.string() }),
  deliveryMethod: z.object({ id: z.string(), name: z.string() }),
  /** Logistics company (Ozon's `tpl_provider`). */
  carrier: z.object({ id: z.string(), name: z.string() }),
  integrationType: z.string() as z.ZodType<IntegrationType>,
  trackingNumber: z.string(),
  inProcessAt: z.string(), // ISO UTC, when the order came in
  shipmentDate: z.string(), // ISO UTC, pack by (the deadline)
  shipmentDateWithoutDelay: z.string().nullable(),
  deliveringDate: z.string().nullable(),
  items: z.array(PostingItem).min(1),
  /** Barcodes printed on Ozon's label (`upper_barcode` like `%101%806044518`, 14-digit `lower_barcode`). */
  labelBarcodes: z.object({ upper: z.string(), lower: z.string() }).nullable(),
  isMultibox: z.boolean(),
  multiBoxQty: z.number().int(),
  isExpress: z.boolean(),
  availableActions: z.array(z.string()),
  tariffSteps: z.array(TariffStep),
  cancellation: z.object({ reasonId: z.number(), reason: z.string(), initiator: z.string() }).nullable(),
  /** When the station last saw this posting in Ozon's answer (ISO UTC). */
  syncedAt: z.string(),
})
export type Posting = z.infer<typeof Posting>

/** Money at stake: what the buyer pays for the posting's goods. */
export function postingValue(p: Pick<Posting, 'items'>): Money {
  const currency = p.items[0]?.price.currency ?? 'RUB'
  const amount = p.items.reduce((sum, i) => sum + i.price.amount * i.quantity, 0)
  return { amount: Math.round(amount * 100) / 100, currency }
}

export function unitCount(p: Pick<Posting, 'items'>): number {
  return p.items.reduce((sum, i) => sum + i.quantity, 0)
}
