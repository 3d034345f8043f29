// Cancellation (§10): the reason list, reasons valid for given postings, and cancel by the seller.
import { ApiError, refused } from '../api-error'
import { BodyReader } from '../body'
import { moveTo, type SbPosting } from '../world'
import { findPosting } from './postings'
import type { Route } from './types'

interface Reason {
  id: number
  title: string
  type_id: 'seller' | 'buyer'
  /** Statuses in which the seller may use it. */
  when: string[]
}

const BEFORE_HANDOVER = ['awaiting_packaging', 'awaiting_deliver', 'awaiting_registration', 'acceptance_in_progress', 'awaiting_approve']
const SELLER_DELIVERY = ['delivering', 'driver_pickup']

export const CANCEL_REASONS: Reason[] = [
  { id: 352, title: 'Товар закончился на складе продавца', type_id: 'seller', when: BEFORE_HANDOVER },
  { id: 400, title: 'Остался только бракованный товар', type_id: 'seller', when: BEFORE_HANDOVER },
  { id: 401, title: 'Отклонено при арбитраже', type_id: 'seller', when: [] },
  { id: 402, title: 'Другое (вина продавца)', type_id: 'seller', when: BEFORE_HANDOVER },
  { id: 665, title: 'Покупатель не забрал заказ', type_id: 'buyer', when: SELLER_DELIVERY },
  { id: 666, title: 'Возврат из службы доставки: нет доставки в указанный регион', type_id: 'seller', when: SELLER_DELIVERY },
  { id: 667, title: 'Заказ утерян службой доставки', type_id: 'seller', when: SELLER_DELIVERY },
]

function reasonsFor(p: SbPosting): Reason[] {
  // Seller-driven delivery reasons apply only to postings the seller delivers.
  return CANCEL_REASONS.filter((r) => r.when.includes(p.status) && (!SELLER_DELIVERY.includes(p.status) || p.tpl_integration_type !== 'ozon'))
}

export const cancelReasonListV2: Route = () => ({
  result: CANCEL_REASONS.map((r) => ({ id: r.id, title: r.title, type_id: r.type_id, is_available_for_cancellation: r.when.length > 0 })),
})

export const cancelReasonV1: Route = (c) => {
  const b = new BodyReader(c.body, 'PostingFbsCancelReasonRequest')
  const numbers = b.strings('related_posting_numbers', { required: true, max: 1000 })
  return {
    result: numbers.map((n) => {
      const p = c.acc.postings[n]
      return { posting_number: n, reasons: p ? reasonsFor(p).map((r) => ({ id: r.id, title: r.title, type_id: r.type_id })) : [] }
    }),
  }
}

export const cancelV2: Route = (c) => {
  const message = 'CancelFbsPostingRequest'
  const b = new BodyReader(c.body, message)
  const p = findPosting(c, b.string('posting_number', { required: true }))
  const reasonId = b.int('cancel_reason_id', { required: true, min: 1 })
  const text = b.string('cancel_reason_message')
  const status = c.state.variants.businessErrorStatus
  if (p.status === 'cancelled' || p.status === 'cancelled_from_split_pending') throw refused(status, 'POSTING_ALREADY_CANCELLED')
  if (p.status === 'delivered') throw refused(status, 'HAS_INCORRECT_STATUS')
  const reason = reasonsFor(p).find((r) => r.id === reasonId)
  if (!reason) throw refused(status, 'HAS_INCORRECT_CANCEL_REASON')
  if (reasonId === 402 && !text.trim()) throw new ApiError(400, 3, `Request validation error: invalid ${message}.CancelReasonMessage: required when cancel_reason_id is 402`)
  moveTo(p, 'cancelled', 'posting_canceled', c.now.toISOString())
  p.ship_job = null
  p.cancellation = {
    cancel_reason_id: reasonId,
    cancel_reason: reasonId === 402 ? text : reason.title,
    cancellation_type: 'seller',
    cancellation_initiator: 'Продавец',
    cancelled_after_ship: p.packed_at !== null,
  }
  return { result: true }
}
