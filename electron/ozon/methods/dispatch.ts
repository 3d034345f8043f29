// After packing: tracking numbers and seller-driven delivery statuses (§8), the Ozon-logistics carriage and its
// documents (§9.3), and cancellation (§10).
import { z } from 'zod'
import { assertPdf, parseAnswer, post, wireId, type MethodContext } from '../context'
import { Bool, Int64Id, ItemError, Str, list } from '../schemas/primitives'

/** One posting's outcome in a per-item answer. */
export interface ItemResult {
  posting_number: string
  ok: boolean
  /** Ozon's reason when not ok (texts are not enumerated by Ozon, §8.1 [UNCERTAIN]). */
  error: string
}

const ItemsWire = z.object({
  result: list(z.object({ posting_number: Str, result: Bool, error: ItemError })),
})

function items(a: z.output<typeof ItemsWire>): ItemResult[] {
  return a.result.map((r) => ({ posting_number: r.posting_number, ok: r.result, error: r.result ? r.error : r.error || 'UNKNOWN' }))
}

export const TRACKING_BATCH = 20

/** Tracking numbers, ≤20 per call (larger lists are split); one bad pair does not fail the others. */
export async function setTrackingNumbers(ctx: MethodContext, pairs: { postingNumber: string; trackingNumber: string }[]): Promise<ItemResult[]> {
  const m = '/v2/fbs/posting/tracking-number/set'
  const out: ItemResult[] = []
  for (let i = 0; i < pairs.length; i += TRACKING_BATCH) {
    const chunk = pairs.slice(i, i + TRACKING_BATCH)
    const body = { tracking_numbers: chunk.map((p) => ({ posting_number: p.postingNumber, tracking_number: p.trackingNumber.trim() })) }
    // Setting the same number twice changes nothing, so this may be retried.
    out.push(...items(parseAnswer(ctx, m, ItemsWire, await post(ctx, m, body, { idempotent: true }))))
  }
  return out
}

async function statusMove(ctx: MethodContext, m: string, postingNumbers: string[]): Promise<ItemResult[]> {
  if (postingNumbers.length === 0) return []
  const out: ItemResult[] = []
  for (let i = 0; i < postingNumbers.length; i += 100) {
    out.push(...items(parseAnswer(ctx, m, ItemsWire, await post(ctx, m, { posting_number: postingNumbers.slice(i, i + 100) }, { idempotent: false }))))
  }
  return out
}

/** Own courier took the parcels (non-integrated delivery) → delivering. */
export const moveToDelivering = (ctx: MethodContext, numbers: string[]) => statusMove(ctx, '/v2/fbs/posting/delivering', numbers)
/** Courier is on the last mile. */
export const moveToLastMile = (ctx: MethodContext, numbers: string[]) => statusMove(ctx, '/v2/fbs/posting/last-mile', numbers)
/** Handed to the buyer ("conditionally delivered"). */
export const moveToDelivered = (ctx: MethodContext, numbers: string[]) => statusMove(ctx, '/v2/fbs/posting/delivered', numbers)

// ---- carriage and documents --------------------------------------------------------------------------------

const CarriageWire = z
  .union([z.object({ carriage_id: Int64Id }), z.object({ result: z.object({ carriage_id: Int64Id }) }), z.object({ result: z.object({ id: Int64Id }) })])
  .transform((v) => ('carriage_id' in v ? v.carriage_id : 'carriage_id' in v.result ? v.result.carriage_id : v.result.id))

/** Creates a carriage of every packed posting of an Ozon-logistics delivery method. Returns the carriage id. */
export async function createCarriage(ctx: MethodContext, deliveryMethodId: string, departureDate?: string): Promise<string> {
  const m = '/v1/carriage/create'
  const body = { delivery_method_id: wireId(ctx, deliveryMethodId), ...(departureDate ? { departure_date: departureDate } : {}) }
  return parseAnswer(ctx, m, CarriageWire, await post(ctx, m, body, { idempotent: false }))
}

export async function approveCarriage(ctx: MethodContext, carriageId: string, containersCount = 0): Promise<void> {
  const m = '/v1/carriage/approve'
  await post(ctx, m, { carriage_id: wireId(ctx, carriageId), containers_count: containersCount }, { idempotent: false })
}

const ActStatusWire = z.object({
  result: z.object({
    status: z.string(),
    act_type: Str,
    added_to_act: list(z.string()),
    removed_from_act: list(z.string()),
    is_partial: Bool,
    has_postings_for_next_carriage: Bool,
    partial_num: z.union([z.number(), z.string()]).nullish().transform((v) => Number(v ?? 0)),
  }),
})
export type OzonActStatus = z.output<typeof ActStatusWire>['result']

/** `ready` means the documents can be downloaded; `added_to_act` must be handed over today. */
export async function actStatus(ctx: MethodContext, carriageId: string): Promise<OzonActStatus> {
  const m = '/v2/posting/fbs/act/check-status'
  return parseAnswer(ctx, m, ActStatusWire, await post(ctx, m, { id: wireId(ctx, carriageId) }, { idempotent: true }), `carriage ${carriageId}`).result
}

/** The shipment sheet / act as a PDF. */
export async function actPdf(ctx: MethodContext, carriageId: string): Promise<Buffer> {
  const m = '/v2/posting/fbs/act/get-pdf'
  const { bytes } = await ctx.transport.postBinary(m, { id: wireId(ctx, carriageId) }, { idempotent: true })
  return assertPdf(ctx, m, bytes, `act of carriage ${carriageId}`)
}

const ActPostingsWire = z.object({
  result: list(
    z.object({
      posting_number: z.string(),
      status: Str,
      multi_box_qty: z.number().nullish().transform((v) => v ?? 1),
      seller_error: Str,
      products: list(z.object({ sku: z.number(), offer_id: Str, name: Str, quantity: z.number() })),
    }),
  ),
})

export async function actPostings(ctx: MethodContext, carriageId: string) {
  const m = '/v2/posting/fbs/act/get-postings'
  return parseAnswer(ctx, m, ActPostingsWire, await post(ctx, m, { id: wireId(ctx, carriageId) }, { idempotent: true }), `carriage ${carriageId}`).result
}

// ---- cancellation -------------------------------------------------------------------------------------------

const Reason = z.object({ id: z.union([z.number(), z.string()]).transform(Number), title: Str, type_id: Str })
const ReasonListWire = z.object({ result: list(Reason.extend({ is_available_for_cancellation: Bool })) })

export async function cancelReasons(ctx: MethodContext) {
  const m = '/v2/posting/fbs/cancel-reason/list'
  return parseAnswer(ctx, m, ReasonListWire, await post(ctx, m, {}, { idempotent: true })).result
}

const ReasonsForWire = z.object({ result: list(z.object({ posting_number: z.string(), reasons: list(Reason) })) })

/** Reasons valid for these postings right now — check before cancelling. */
export async function cancelReasonsFor(ctx: MethodContext, postingNumbers: string[]) {
  const m = '/v1/posting/fbs/cancel-reason'
  return parseAnswer(ctx, m, ReasonsForWire, await post(ctx, m, { related_posting_numbers: postingNumbers }, { idempotent: true })).result
}

/** Cancels a posting as the seller. Reason 402 ("other") needs a message. */
export async function cancelPosting(ctx: MethodContext, postingNumber: string, reasonId: number, message = ''): Promise<boolean> {
  const m = '/v2/posting/fbs/cancel'
  if (reasonId === 402 && !message.trim()) throw new RangeError(`cancel ${postingNumber}: reason 402 needs a message saying why`)
  const body = { posting_number: postingNumber, cancel_reason_id: reasonId, ...(message ? { cancel_reason_message: message } : {}) }
  return parseAnswer(ctx, m, z.object({ result: z.boolean() }), await post(ctx, m, body, { idempotent: false }), `posting ${postingNumber}`).result
}
