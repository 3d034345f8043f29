// Warehouses, delivery methods, product info and the key's roles (§4, §1.1).
import { invalid } from '../api-error'
import { BodyReader } from '../body'
import type { SbDeliveryMethod, SbWarehouse } from '../world'
import type { Call, Route } from './types'
import { decodeCursor, encodeCursor } from './cursor'

const DAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']

function warehouseV2(w: SbWarehouse) {
  return {
    warehouse_id: Number(w.warehouse_id),
    name: w.name,
    status: w.status.toUpperCase(),
    warehouse_type: w.is_rfbs ? 'RFBS' : 'FBS',
    address_info: { address: w.address, latitude: 0, longitude: 0, utc: w.utc },
    first_mile: {
      type: w.first_mile_type === 'DropOff' ? 'DROP_OFF' : 'PICK_UP',
      dropoff_point_id: w.first_mile_type === 'DropOff' ? '18044249781000' : '',
      timeslot_id: 0,
      timeslot_from: '10:00',
      timeslot_to: '14:00',
      first_mile_is_changing: false,
    },
    timetable: { timetable_from: '09:00', timetable_to: '21:00', working_hours: [{ time_from: '09:00', time_to: '21:00' }] },
    working_days: w.working_days.map((d) => DAY_NAMES[d - 1]),
    carriage_label_type: w.carriage_label_type,
    courier_comment: '',
    courier_phones: [],
    phone: '',
    created_at: w.created_at,
    updated_at: w.created_at,
    pause_at: null,
    cut_in_time: 0,
    sla_cut_in: 1440,
    has_entrusted_acceptance: w.has_entrusted_acceptance,
    has_postings_limit: false,
    min_postings_limit: 0,
    postings_limit: -1,
    is_auto_assembly: false,
    is_comfort: false,
    is_express: false,
    is_kgt: false,
    is_rfbs: w.is_rfbs,
    is_waybill_enabled: true,
    with_item_list: false,
  }
}

function warehouseV1(w: SbWarehouse) {
  return {
    warehouse_id: Number(w.warehouse_id),
    name: w.name,
    is_rfbs: w.is_rfbs,
    is_able_to_set_price: false,
    has_entrusted_acceptance: w.has_entrusted_acceptance,
    first_mile_type: { dropoff_point_id: '', dropoff_timeslot_id: 0, first_mile_is_changing: false, first_mile_type: w.first_mile_type },
    is_kgt: false,
    can_print_act_in_advance: false,
    min_working_days: 5,
    is_karantin: false,
    has_postings_limit: false,
    postings_limit: -1,
    min_postings_limit: 0,
    working_days: w.working_days.map(String),
    is_timetable_editable: true,
    status: w.status,
    is_economy: false,
    is_presorted: false,
  }
}

export const warehouseListV2: Route = (c: Call) => {
  const b = new BodyReader(c.body, 'WarehouseListV2Request')
  const limit = b.int('limit', { required: true, min: 1, max: 200 })
  const only = new Set(b.ids('warehouse_ids'))
  const all = c.acc.warehouses.filter((w) => only.size === 0 || only.has(w.warehouse_id))
  const from = decodeCursor(b.string('cursor'), 'WarehouseListV2Request')
  const page = all.slice(from, from + limit)
  const hasNext = from + limit < all.length
  return { warehouses: page.map(warehouseV2), cursor: hasNext ? encodeCursor(from + limit) : '', has_next: hasNext }
}

export const warehouseListV1: Route = (c: Call) => {
  const b = new BodyReader(c.body, 'WarehouseListRequest')
  const limit = b.int('limit', { min: 0, max: 200, fallback: 200 }) || 200
  const offset = b.int('offset', { min: 0 })
  return { result: c.acc.warehouses.slice(offset, offset + limit).map(warehouseV1) }
}

function methodWire(d: SbDeliveryMethod, v2: boolean) {
  const base = {
    id: Number(d.id),
    name: d.name,
    status: d.status,
    warehouse_id: Number(d.warehouse_id),
    provider_id: d.provider_id,
    template_id: d.template_id,
    cutoff: d.cutoff,
    sla_cut_in: d.sla_cut_in,
    created_at: d.created_at,
    updated_at: d.created_at,
  }
  if (!v2) return { ...base, company_id: 1_234_567 }
  return { ...base, is_express: d.is_express, tpl_integration_type: d.tpl_integration_type, tpl_dropoff_point: null }
}

function filterMethods(c: Call, f: BodyReader, plural: boolean): SbDeliveryMethod[] {
  const ids = new Set(plural ? f.ids('delivery_method_ids') : [])
  const providers = new Set(plural ? f.ids('provider_ids') : f.has('provider_id') ? [f.id('provider_id')] : [])
  const warehouses = new Set(plural ? f.ids('warehouse_ids') : f.has('warehouse_id') ? [f.id('warehouse_id')] : [])
  const statuses = new Set(plural ? f.strings('status') : f.has('status') ? [f.string('status')] : [])
  return c.acc.delivery_methods.filter(
    (d) =>
      (ids.size === 0 || ids.has(d.id)) &&
      (providers.size === 0 || providers.has(String(d.provider_id))) &&
      (warehouses.size === 0 || warehouses.has(d.warehouse_id)) &&
      (statuses.size === 0 || statuses.has(d.status)),
  )
}

export const deliveryMethodListV2: Route = (c: Call) => {
  const b = new BodyReader(c.body, 'DeliveryMethodListV2Request')
  const limit = b.int('limit', { required: true, min: 1, max: 100 })
  const all = filterMethods(c, b.object('filter'), true)
  if (b.string('sort_dir').toUpperCase() === 'DESC') all.reverse()
  const from = decodeCursor(b.string('cursor'), 'DeliveryMethodListV2Request')
  const hasNext = from + limit < all.length
  return { delivery_methods: all.slice(from, from + limit).map((d) => methodWire(d, true)), cursor: hasNext ? encodeCursor(from + limit) : '', has_next: hasNext }
}

export const deliveryMethodListV1: Route = (c: Call) => {
  const b = new BodyReader(c.body, 'DeliveryMethodListRequest')
  const limit = b.int('limit', { required: true, min: 1, max: c.state.variants.deliveryMethodV1MaxLimit })
  const offset = b.int('offset', { min: 0 })
  const all = filterMethods(c, b.object('filter'), false)
  return { result: all.slice(offset, offset + limit).map((d) => methodWire(d, false)), has_next: offset + limit < all.length }
}

export const productInfoListV3: Route = (c: Call) => {
  const b = new BodyReader(c.body, 'GetProductInfoListRequest')
  const skus = new Set(b.ids('sku'))
  const offers = new Set(b.strings('offer_id'))
  const productIds = new Set(b.ids('product_id'))
  if (skus.size + offers.size + productIds.size > 1000) throw invalid('GetProductInfoListRequest', 'Sku', 'value must contain no more than 1000 item(s)')
  const items = c.acc.catalog
    .filter((p) => skus.has(String(p.sku)) || offers.has(p.offer_id) || productIds.has(String(p.product_id)))
    .map((p) => ({
      id: p.product_id,
      name: p.name,
      offer_id: p.offer_id,
      barcodes: [...p.barcodes],
      currency_code: p.currency,
      price: p.price.toFixed(2),
      old_price: Math.round(p.price * 1.25).toFixed(2),
      min_price: '',
      marketing_price: '',
      images: [p.image],
      primary_image: [p.image],
      color_image: [],
      images360: [],
      is_archived: false,
      is_autoarchived: false,
      is_discounted: false,
      is_kgt: false,
      is_super: false,
      is_prepayment_allowed: true,
      has_discounted_fbo_item: false,
      discounted_fbo_stocks: 0,
      description_category_id: 17028922,
      type_id: 91565,
      sources: [{ sku: p.sku, source: 'sds', created_at: '2025-03-01T10:00:00Z', shipment_type: 'SHIPMENT_TYPE_GENERAL', quant_code: '' }],
      errors: [],
      commissions: [],
      statuses: { status: 'price_sent', status_name: 'Готов к продаже', moderate_status: 'approved', is_created: true },
      created_at: '2025-03-01T10:00:00Z',
      updated_at: '2026-01-10T10:00:00Z',
      vat: '0.2',
      volume_weight: 0.5,
    }))
  return { items }
}

export const roles: Route = (c: Call) => {
  const expires = new Date(c.now.getTime() + 120 * 24 * 3_600_000)
  expires.setUTCHours(0, 0, 0, 0)
  return {
    roles: [
      { name: 'Posting FBS', methods: ['/v4/posting/fbs/unfulfilled/list', '/v3/posting/fbs/get', '/v4/posting/fbs/ship'] },
      { name: 'Warehouse', methods: ['/v2/warehouse/list', '/v2/delivery-method/list'] },
      { name: 'Product read-only', methods: ['/v3/product/info/list'] },
    ],
    expires_at: expires.toISOString(),
  }
}
