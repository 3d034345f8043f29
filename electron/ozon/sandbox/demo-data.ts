// Demo data that looks like a real FBS seller: three warehouses, Ozon logistics + a 3PL carrier + the seller's
// own courier, a home-goods catalogue and postings spread around "now" (some overdue, some due within the hour).
import { makeCatalog } from './catalog'
import { type Rng, chance, digits, int, pick, rng, subSeed, weighted } from './random'
import type { SbAccount, SbDeliveryMethod, SbLine, SbPosting, SbTariffStep, SbWarehouse } from './world'

const HOUR = 3_600_000
const MIN = 60_000

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

export function makeWarehouses(seed: number, now: Date): SbWarehouse[] {
  const r = rng(subSeed(seed, 'warehouses'))
  const base = 1_020_000_000_000_000
  const id = () => String(base + int(r, 100_000, 999_999) * 1000)
  const created = iso(now.getTime() - 400 * 24 * HOUR)
  return [
    { warehouse_id: id(), name: 'Москва Север (FBS)', status: 'created', is_rfbs: false, has_entrusted_acceptance: false, first_mile_type: 'DropOff', carriage_label_type: 'BIG', address: 'Москва, Дмитровское шоссе, 157с9', city: 'Москва', utc: 'UTC+03:00', working_days: [1, 2, 3, 4, 5, 6], created_at: created },
    { warehouse_id: id(), name: 'Подольск Южный', status: 'created', is_rfbs: false, has_entrusted_acceptance: true, first_mile_type: 'Pickup', carriage_label_type: 'SMALL', address: 'Московская обл., Подольск, ул. Комсомольская, 1', city: 'Подольск', utc: 'UTC+03:00', working_days: [1, 2, 3, 4, 5], created_at: created },
    { warehouse_id: id(), name: 'Екатеринбург Чкаловский', status: 'created', is_rfbs: false, has_entrusted_acceptance: false, first_mile_type: 'DropOff', carriage_label_type: 'BIG', address: 'Екатеринбург, ул. Крестинского, 46А', city: 'Екатеринбург', utc: 'UTC+05:00', working_days: [1, 2, 3, 4, 5, 6, 7], created_at: created },
  ]
}

export function makeDeliveryMethods(seed: number, warehouses: SbWarehouse[], now: Date): SbDeliveryMethod[] {
  const r = rng(subSeed(seed, 'delivery-methods'))
  const id = () => String(1_020_000_000_000_000 + int(r, 100_000, 999_999) * 1000 + int(r, 1, 999))
  const created = iso(now.getTime() - 300 * 24 * HOUR)
  const [msk, pdl, ekb] = warehouses as [SbWarehouse, SbWarehouse, SbWarehouse]
  const m = (w: SbWarehouse, name: string, provider_id: number, provider_name: string, type: SbDeliveryMethod['tpl_integration_type'], cutoff: string, express = false): SbDeliveryMethod => ({
    id: id(),
    name,
    warehouse_id: w.warehouse_id,
    provider_id,
    provider_name,
    tpl_integration_type: type,
    status: 'ACTIVE',
    cutoff,
    sla_cut_in: 1440,
    template_id: int(r, 10_000, 99_999),
    is_express: express,
    created_at: created,
  })
  return [
    m(msk, 'Ozon Логистика курьеру, Москва Север', 24, 'Ozon Логистика', 'ozon', '14:00'),
    m(msk, 'СДЭК: до пункта выдачи', 1101, 'СДЭК', '3pl_tracking', '16:00'),
    m(msk, 'Свой курьер по Москве', 1300, 'Доставка продавца', 'non_integrated', '18:00', true),
    m(pdl, 'Ozon Логистика, Подольск Южный', 24, 'Ozon Логистика', 'ozon', '13:00'),
    m(ekb, 'Ozon Логистика, Екатеринбург', 24, 'Ozon Логистика', 'ozon', '12:00'),
  ]
}

const CITIES = [
  ['Москва', 'Москва'],
  ['Санкт-Петербург', 'Санкт-Петербург'],
  ['Казань', 'Республика Татарстан'],
  ['Новосибирск', 'Новосибирская область'],
  ['Екатеринбург', 'Свердловская область'],
  ['Нижний Новгород', 'Нижегородская область'],
  ['Краснодар', 'Краснодарский край'],
  ['Самара', 'Самарская область'],
  ['Воронеж', 'Воронежская область'],
  ['Тула', 'Тульская область'],
] as const

export function newAccount(clientId: string, apiKey: string, name: string, seed: number, now: Date): SbAccount {
  const warehouses = makeWarehouses(seed, now)
  return {
    client_id: clientId,
    api_key: apiKey,
    name,
    company_name: 'ООО «Уютный дом»',
    seed,
    warehouses,
    delivery_methods: makeDeliveryMethods(seed, warehouses, now),
    catalog: makeCatalog(seed),
    postings: {},
    label_tasks: {},
    carriages: {},
    order_index: {},
    next_order: 1,
    next_id: 1,
    arrivals: { count: 0, last_at: now.toISOString() },
    ship_failures: {},
  }
}

/** What a test or the control may ask for when adding a posting; everything is optional. */
export interface NewPostingSpec {
  deliveryMethodId?: string
  /** tpl_integration_type of the delivery method to pick when no id is given. */
  integration?: 'ozon' | '3pl_tracking' | 'non_integrated'
  products?: { sku?: number; offerId?: string; quantity: number }[]
  /** Number of lines when products are not given. */
  lines?: number
  inProcessAt?: string
  shipmentDate?: string
  status?: string
  isMultibox?: boolean
  /** Include at least one product that needs a marking code. */
  withMarking?: boolean
}

/** Allocates the next posting index of an order; indices are never reused (Ozon does not reuse numbers). */
export function nextPostingNumber(acc: SbAccount, orderNumber: string): string {
  const n = (acc.order_index[orderNumber] ?? 0) + 1
  acc.order_index[orderNumber] = n
  return `${orderNumber}-${n}`
}

export function tariffSteps(inProcessAt: number, shipmentDate: number): SbTariffStep[] {
  const steps: SbTariffStep[] = []
  const early = shipmentDate - 8 * HOUR
  if (early > inProcessAt) steps.push({ tariff_type: 'discount', tariff_rate: 3, tariff_charge: null, min_charge: null, tariff_deadline_at: iso(early) })
  steps.push({ tariff_type: 'no_discount', tariff_rate: 0, tariff_charge: null, min_charge: null, tariff_deadline_at: iso(shipmentDate) })
  steps.push({ tariff_type: 'commission', tariff_rate: 2, tariff_charge: 50, min_charge: 50, tariff_deadline_at: iso(shipmentDate + 24 * HOUR) })
  steps.push({ tariff_type: 'commission', tariff_rate: 5, tariff_charge: 100, min_charge: 100, tariff_deadline_at: iso(shipmentDate + 72 * HOUR) })
  return steps
}

function pickLines(r: Rng, acc: SbAccount, spec: NewPostingSpec): SbLine[] {
  const line = (sku: number | undefined, offerId: string | undefined, quantity: number): SbLine => {
    const p = acc.catalog.find((c) => (sku !== undefined && c.sku === sku) || (offerId !== undefined && c.offer_id === offerId))
    if (!p) throw new Error(`no product with ${sku !== undefined ? `sku ${sku}` : `offer_id "${offerId}"`} in the sandbox catalogue`)
    if (!Number.isInteger(quantity) || quantity < 1) throw new Error(`quantity must be a positive integer, got ${quantity}`)
    return { sku: p.sku, offer_id: p.offer_id, name: p.name, quantity, price: p.price, currency_code: p.currency }
  }
  if (spec.products && spec.products.length > 0) return spec.products.map((p) => line(p.sku, p.offerId, p.quantity))
  const count = spec.lines ?? weighted(r, [[1, 55], [2, 15], [3, 10], [4, 5], [5, 4], [6, 3], [7, 2], [8, 2], [9, 1], [10, 1], [11, 1], [12, 1]] as const)
  const plain = acc.catalog.filter((c) => !c.requires_mark)
  const marked = acc.catalog.filter((c) => c.requires_mark)
  const chosen = new Set<number>()
  const lines: SbLine[] = []
  if (spec.withMarking && marked.length > 0) {
    const p = pick(r, marked)
    chosen.add(p.sku)
    lines.push(line(p.sku, undefined, int(r, 1, 2)))
  }
  while (lines.length < Math.min(count, acc.catalog.length)) {
    // Marked goods are a small share of this shop's orders.
    const p = chance(r, 0.05) ? pick(r, marked) : pick(r, plain)
    if (chosen.has(p.sku)) continue
    chosen.add(p.sku)
    lines.push(line(p.sku, undefined, weighted(r, [[1, 70], [2, 15], [3, 4], [4, 3], [5, 3], [6, 1], [7, 1], [8, 1], [9, 1], [10, 1]] as const)))
  }
  return lines
}

/** Builds one posting (not yet stored). */
export function makePosting(acc: SbAccount, r: Rng, now: Date, spec: NewPostingSpec = {}): SbPosting {
  const method = spec.deliveryMethodId
    ? acc.delivery_methods.find((d) => d.id === spec.deliveryMethodId)
    : (() => {
        const type = spec.integration ?? weighted(r, [['ozon', 65], ['3pl_tracking', 20], ['non_integrated', 15]] as const)
        const options = acc.delivery_methods.filter((d) => d.tpl_integration_type === type)
        return options.length > 0 ? pick(r, options) : acc.delivery_methods[0]
      })()
  if (!method) throw new Error(`no delivery method "${spec.deliveryMethodId}" in the sandbox account ${acc.client_id}`)
  const t = now.getTime()
  const shipment = spec.shipmentDate ? Date.parse(spec.shipmentDate) : t + int(r, 18 * 60, 40 * 60) * MIN
  const inProcess = spec.inProcessAt ? Date.parse(spec.inProcessAt) : Math.min(t, shipment - int(r, 20 * 60, 40 * 60) * MIN)
  if (Number.isNaN(shipment) || Number.isNaN(inProcess)) throw new Error('shipmentDate / inProcessAt must be ISO dates')
  const products = pickLines(r, acc, spec)
  const orderNumber = `${digits(r, 8)}-${String(acc.next_order++).padStart(4, '0')}`
  const markSkus = products.filter((l) => acc.catalog.find((c) => c.sku === l.sku)?.requires_mark).map((l) => l.sku)
  const [city, region] = pick(r, CITIES)
  return {
    posting_number: nextPostingNumber(acc, orderNumber),
    order_id: 30_000_000_000 + int(r, 0, 9_999_999) * 100 + (acc.next_order % 100),
    order_number: orderNumber,
    parent_posting_number: '',
    status: spec.status ?? 'awaiting_packaging',
    substatus: 'posting_created',
    previous_substatus: '',
    delivery_method_id: method.id,
    warehouse_id: method.warehouse_id,
    tpl_integration_type: method.tpl_integration_type,
    tracking_number: '',
    created_at: iso(inProcess - int(r, 1, 30) * MIN),
    in_process_at: iso(inProcess),
    shipment_date: iso(shipment),
    shipment_date_without_delay: iso(shipment + 24 * HOUR),
    delivering_date: null,
    fact_delivery_date: null,
    last_changed_status_date: iso(inProcess),
    products,
    barcodes: { upper_barcode: `%101%${digits(r, 9)}`, lower_barcode: digits(r, 14) },
    mandatory_mark_skus: markSkus,
    is_multibox: spec.isMultibox ?? false,
    multi_box_qty: 1,
    is_express: method.is_express,
    tariff_steps: tariffSteps(inProcess, shipment),
    cancellation: null,
    exemplars: null,
    exemplars_checked_at: null,
    related_postings: [],
    ship_job: null,
    ship_accepted: 0,
    packed_at: null,
    label_ready_at: null,
    carriage_id: null,
    customer_city: city,
    customer_region: region,
  }
}

/** Label availability after packing: Ozon needs 45–60 s (or the configured delay). */
export function labelReadyAt(packedAtMs: number, delayMs: number | null, r: Rng): string {
  const d = delayMs ?? int(r, 45_000, 60_000)
  return new Date(packedAtMs + d).toISOString()
}

/**
 * The starting pool of a fresh demo account: postings spread over the last few days and the next two,
 * mostly awaiting packing, some already packed, a few delivering or cancelled.
 */
export function seedPostings(acc: SbAccount, now: Date, count?: number): SbPosting[] {
  const r = rng(subSeed(acc.seed, 'initial-postings'))
  const n = count ?? int(r, 80, 150)
  const t = now.getTime()
  const out: SbPosting[] = []
  for (let i = 0; i < n; i++) {
    const due = weighted(r, [['overdue', 10], ['within-hour', 8], ['today', 30], ['later', 52]] as const)
    const shipment =
      due === 'overdue' ? t - int(r, 10, 30 * 60) * MIN : due === 'within-hour' ? t + int(r, 5, 55) * MIN : due === 'today' ? t + int(r, 61, 10 * 60) * MIN : t + int(r, 10 * 60, 60 * 60) * MIN
    const inProcess = Math.min(t - int(r, 5, 120) * MIN, shipment - int(r, 20 * 60, 40 * 60) * MIN)
    const status = due === 'overdue' || due === 'within-hour' ? 'awaiting_packaging' : weighted(r, [['awaiting_packaging', 72], ['awaiting_deliver', 17], ['delivering', 5], ['cancelled', 6]] as const)
    const p = makePosting(acc, r, now, {
      shipmentDate: iso(shipment),
      inProcessAt: iso(inProcess),
      status,
      withMarking: chance(r, 0.06),
      isMultibox: chance(r, 0.02),
    })
    if (status === 'awaiting_deliver' || status === 'delivering') {
      const packed = Math.min(t - 10 * MIN, inProcess + int(r, 30, 600) * MIN)
      p.packed_at = iso(packed)
      p.label_ready_at = iso(packed + 50_000)
      p.substatus = status === 'delivering' ? 'posting_in_courier_service' : 'posting_transferring_to_delivery'
      p.last_changed_status_date = iso(packed)
      if (p.tpl_integration_type === '3pl_tracking' && status === 'delivering') p.tracking_number = `10${digits(r, 8)}`
      if (status === 'delivering') p.delivering_date = iso(packed + int(r, 60, 600) * MIN)
      if (p.mandatory_mark_skus.length > 0) fillDemoMarks(acc, p, r)
    }
    if (status === 'cancelled') {
      p.substatus = 'posting_canceled'
      p.cancellation = { cancel_reason_id: 506, cancel_reason: 'Покупатель отменил заказ', cancellation_type: 'client', cancellation_initiator: 'Покупатель', cancelled_after_ship: false }
      p.last_changed_status_date = iso(Math.min(t, inProcess + int(r, 10, 300) * MIN))
    }
    out.push(p)
  }
  return out
}

/** A packed marked posting already has its codes (it could not have been packed otherwise). */
function fillDemoMarks(acc: SbAccount, p: SbPosting, r: Rng): void {
  p.exemplars = {}
  for (const line of p.products) {
    if (!p.mandatory_mark_skus.includes(line.sku)) continue
    p.exemplars[String(line.sku)] = Array.from({ length: line.quantity }, () => ({
      exemplar_id: String(acc.next_id++),
      gtd: '',
      is_gtd_absent: true,
      rnpt: '',
      is_rnpt_absent: true,
      marks: [{ mark: demoMark(r), mark_type: 'mandatory_mark' }],
      check: 'passed' as const,
    }))
  }
  p.exemplars_checked_at = p.packed_at
}

/** A Честный ЗНАК-shaped code: 01 + GTIN-14 + 21 + 13-char serial (+ GS-separated crypto tail in real life). */
export function demoMark(r: Rng): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789'
  let serial = ''
  for (let i = 0; i < 13; i++) serial += alphabet[int(r, 0, alphabet.length - 1)]
  return `010${digits(r, 13)}21${serial}`
}
