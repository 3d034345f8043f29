// Hand-over for Ozon logistics (§9.3): a carriage takes every packed posting of a delivery method, is approved,
// and after a while its documents are formed: check-status → ready, get-pdf (a real shipment-sheet PDF),
// get-postings.
import { ApiError, notFound, refused } from '../api-error'
import { BodyReader } from '../body'
import { actPdf } from '../documents/act-pdf'
import type { SbCarriage } from '../world'
import { FileAnswer, type Call, type Route } from './types'

function carriageOf(c: Call, id: string): SbCarriage {
  const carriage = c.acc.carriages[id]
  if (!carriage) throw notFound('CARRIAGE_NOT_FOUND')
  return carriage
}

/** Moves an approved carriage to `formed` once its documents are due. */
function settle(c: Call, carriage: SbCarriage): void {
  if (carriage.status === 'approved' && carriage.formed_at && Date.parse(carriage.formed_at) <= c.now.getTime()) {
    carriage.status = 'formed'
    c.state.touch(c.acc)
  }
}

export const carriageCreateV1: Route = (c) => {
  const b = new BodyReader(c.body, 'CarriageCreateRequest')
  const dmId = b.id('delivery_method_id', { required: true })
  const departure = b.date('departure_date') || c.now.toISOString()
  const status = c.state.variants.businessErrorStatus
  const dm = c.acc.delivery_methods.find((d) => d.id === dmId)
  if (!dm) throw refused(status, 'DELIVERY_METHOD_NOT_FOUND')
  if (dm.tpl_integration_type !== 'ozon') throw refused(status, 'non_carriageable')
  const postings = Object.values(c.acc.postings).filter((p) => p.delivery_method_id === dmId)
  if (Object.values(c.acc.carriages).some((x) => x.delivery_method_id === dmId && x.status === 'new')) throw refused(status, 'there_are_incomplete_carriages')
  if (c.state.variants.carriageRequiresAllPacked) {
    const endOfDay = new Date(departure)
    endOfDay.setUTCHours(23, 59, 59, 999)
    if (postings.some((p) => p.status === 'awaiting_packaging' && Date.parse(p.shipment_date) <= endOfDay.getTime())) throw refused(status, 'not_packaged')
  }
  const ready = postings.filter((p) => p.status === 'awaiting_deliver' && !p.carriage_id)
  if (ready.length === 0) throw refused(status, 'no_postings')
  const carriage: SbCarriage = {
    carriage_id: String(27_000_000 + c.acc.next_id++),
    delivery_method_id: dmId,
    departure_date: departure,
    status: 'new',
    containers_count: 0,
    posting_numbers: ready.map((p) => p.posting_number).sort(),
    created_at: c.now.toISOString(),
    approved_at: null,
    formed_at: null,
  }
  for (const p of ready) {
    p.carriage_id = carriage.carriage_id
    p.previous_substatus = p.substatus
    p.substatus = 'posting_in_carriage'
  }
  c.acc.carriages[carriage.carriage_id] = carriage
  return { carriage_id: Number(carriage.carriage_id) }
}

export const carriageApproveV1: Route = (c) => {
  const b = new BodyReader(c.body, 'CarriageApproveRequest')
  const carriage = carriageOf(c, b.id('carriage_id', { required: true }))
  const containers = b.int('containers_count', { min: 0 })
  const status = c.state.variants.businessErrorStatus
  if (carriage.status !== 'new') throw refused(status, 'Incorrect_carriage_status')
  const dm = c.acc.delivery_methods.find((d) => d.id === carriage.delivery_method_id)
  const wh = c.acc.warehouses.find((w) => w.warehouse_id === dm?.warehouse_id)
  if (containers > 0 && !wh?.has_entrusted_acceptance) throw refused(status, 'Trying set ContainersCount to not HasEntrustedAcceptance company')
  carriage.status = 'approved'
  carriage.containers_count = containers
  carriage.approved_at = c.now.toISOString()
  carriage.formed_at = new Date(c.now.getTime() + c.state.timings.actDelayMs).toISOString()
  return {}
}

export const actCheckStatusV2: Route = (c) => {
  const b = new BodyReader(c.body, 'PostingFBSActCheckStatusRequest')
  const carriage = carriageOf(c, b.id('id', { required: true }))
  settle(c, carriage)
  const status = carriage.status === 'formed' ? 'ready' : carriage.status === 'cancelled' ? 'cancelled' : 'in_process'
  return {
    result: {
      id: Number(carriage.carriage_id),
      status,
      act_type: 'ozon',
      added_to_act: status === 'ready' ? [...carriage.posting_numbers] : [],
      removed_from_act: [],
      is_partial: false,
      has_postings_for_next_carriage: false,
      partial_num: 0,
    },
  }
}

export const actGetPdfV2: Route = async (c) => {
  const b = new BodyReader(c.body, 'PostingFBSActGetPdfRequest')
  const carriage = carriageOf(c, b.id('id', { required: true }))
  settle(c, carriage)
  if (carriage.status !== 'formed') throw new ApiError(c.state.variants.businessErrorStatus, 3, 'Incorrect_carriage_status')
  return new FileAnswer(await actPdf(c.acc, carriage), 'application/pdf', `act-${carriage.carriage_id}.pdf`)
}

export const actGetPostingsV2: Route = (c) => {
  const b = new BodyReader(c.body, 'PostingFBSActGetPostingsRequest')
  const carriage = carriageOf(c, b.id('id', { required: true }))
  return {
    result: carriage.posting_numbers.map((n, i) => {
      const p = c.acc.postings[n]
      return {
        id: i + 1,
        posting_number: n,
        status: p?.status ?? 'unknown',
        multi_box_qty: p?.multi_box_qty ?? 1,
        seller_error: '',
        created_at: carriage.created_at,
        updated_at: carriage.approved_at ?? carriage.created_at,
        products: (p?.products ?? []).map((l) => ({ name: l.name, offer_id: l.offer_id, price: l.price.toFixed(4), quantity: l.quantity, sku: l.sku })),
      }
    }),
  }
}
