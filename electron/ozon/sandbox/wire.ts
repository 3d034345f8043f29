// Renders the sandbox's postings in Ozon's wire shapes. The shapes differ per method on purpose, as at Ozon
// (§5.5): v3 list/get send prices as decimal strings with `currency_code` and `tariffication` as an array;
// v4 lists send prices as `{amount, currency}` objects and `tariffication` as an object; blocks not asked for
// with `with.*` come back as null.
import type { SbAccount, SbPosting, SbTariffStep } from './world'

export interface WithFlags {
  analytics_data?: boolean
  barcodes?: boolean
  financial_data?: boolean
  legal_info?: boolean
  product_exemplars?: boolean
  related_postings?: boolean
  translit?: boolean
}

export type WireFlavour = 'v3-list' | 'v3-get' | 'v4-list'

const money4 = (n: number) => n.toFixed(4)

/** What the posting's available_actions would be at Ozon in its current state (§2.4). */
export function availableActions(p: SbPosting): string[] {
  const a: string[] = []
  if (p.status === 'awaiting_packaging') {
    if (p.ship_job) a.push('ship_async_in_process')
    else {
      a.push('ship', 'ship_async', 'product_cancel', 'cancel')
      if (p.substatus === 'ship_failed') a.push('ship_async_retry')
      if (p.mandatory_mark_skus.length > 0) a.push('update_cis')
    }
  }
  if (p.status === 'awaiting_deliver') {
    a.push('cancel', 'label_download', 'label_download_big', 'label_download_small', 'has_barcode_for_printing')
    if (p.tpl_integration_type === '3pl_tracking' || p.tpl_integration_type === 'non_integrated') a.push('set_track_number')
    if (p.tpl_integration_type === 'non_integrated') a.push('non_int_delivering')
  }
  if (p.status === 'delivering' && p.tpl_integration_type === 'non_integrated') {
    a.push('non_int_delivered')
    if (p.substatus !== 'posting_transferred_to_courier_service') a.push('non_int_last_mile')
  }
  if (p.status === 'delivering' && p.tpl_integration_type === '3pl_tracking') a.push('set_track_number', 'click_track_number')
  return a
}

function tariffStepWire(s: SbTariffStep, flavour: WireFlavour) {
  // v4 sends money amounts as strings inside objects, v3 as numbers — the client must accept both.
  const m = (v: number | null) => (v === null ? null : flavour === 'v4-list' ? { amount: String(v), currency: 'RUB' } : { amount: v, currency: 'RUB' })
  return { tariff_type: s.tariff_type, tariff_rate: s.tariff_rate, tariff_charge: m(s.tariff_charge), min_charge: m(s.min_charge), tariff_deadline_at: s.tariff_deadline_at }
}

function currentTariff(p: SbPosting, nowIso: string) {
  const idx = p.tariff_steps.findIndex((s) => s.tariff_deadline_at > nowIso)
  const cur = p.tariff_steps[idx === -1 ? p.tariff_steps.length - 1 : idx]
  const next = idx === -1 ? undefined : p.tariff_steps[idx + 1]
  return { cur, next }
}

export function postingWire(acc: SbAccount, p: SbPosting, flavour: WireFlavour, w: WithFlags, nowIso: string): Record<string, unknown> {
  const dm = acc.delivery_methods.find((d) => d.id === p.delivery_method_id)
  const wh = acc.warehouses.find((x) => x.warehouse_id === p.warehouse_id)
  const v4 = flavour === 'v4-list'
  const products = p.products.map((l) => {
    const base = { sku: l.sku, offer_id: l.offer_id, name: l.name, quantity: l.quantity, is_blr_traceable: false, is_marketplace_buyout: false, imei: [] as string[] }
    return v4 ? { ...base, price: { amount: l.price.toFixed(2), currency: l.currency_code } } : { ...base, price: money4(l.price), currency_code: l.currency_code }
  })
  const markSkus = v4 ? p.mandatory_mark_skus.map(String) : p.mandatory_mark_skus
  const { cur, next } = currentTariff(p, nowIso)
  const tariffication = cur
    ? {
        current_tariff_type: cur.tariff_type,
        current_tariff_rate: cur.tariff_rate,
        current_tariff_charge: v4 ? { amount: String(cur.tariff_charge ?? 0), currency: 'RUB' } : String(cur.tariff_charge ?? 0),
        next_tariff_type: next?.tariff_type ?? '',
        next_tariff_rate: next?.tariff_rate ?? 0,
        next_tariff_starts_at: cur.tariff_deadline_at,
      }
    : null
  const out: Record<string, unknown> = {
    posting_number: p.posting_number,
    order_id: p.order_id,
    order_number: p.order_number,
    parent_posting_number: p.parent_posting_number,
    status: p.status,
    substatus: p.substatus,
    delivery_method: {
      id: Number(p.delivery_method_id),
      name: dm?.name ?? '',
      warehouse_id: Number(p.warehouse_id),
      warehouse: wh?.name ?? '',
      tpl_provider_id: dm?.provider_id ?? 0,
      tpl_provider: dm?.provider_name ?? '',
    },
    tracking_number: p.tracking_number,
    tpl_integration_type: p.tpl_integration_type,
    in_process_at: p.in_process_at,
    shipment_date: p.shipment_date,
    shipment_date_without_delay: p.shipment_date_without_delay,
    delivering_date: p.delivering_date,
    pickup_code_verified_at: null,
    cancellation: p.cancellation
      ? { ...p.cancellation, affect_cancellation_rating: p.cancellation.cancellation_type === 'seller' }
      : { cancel_reason_id: 0, cancel_reason: '', cancellation_type: '', cancelled_after_ship: false, affect_cancellation_rating: false, cancellation_initiator: '' },
    products,
    barcodes: w.barcodes ? { ...p.barcodes } : null,
    analytics_data: w.analytics_data
      ? { region: p.customer_region, city: p.customer_city, delivery_type: 'PVZ', is_premium: false, payment_type_group_name: 'Карты оплаты', warehouse_id: Number(p.warehouse_id), warehouse: wh?.name ?? '', tpl_provider_id: dm?.provider_id ?? 0, tpl_provider: dm?.provider_name ?? '', is_legal: false }
      : null,
    financial_data: w.financial_data
      ? {
          cluster_from: 'Москва и МО',
          cluster_to: p.customer_region,
          products: p.products.map((l) => ({ product_id: l.sku, price: l.price, old_price: Math.round(l.price * 1.25), payout: Math.round(l.price * 0.82 * 100) / 100, commission_amount: Math.round(l.price * 0.18 * 100) / 100, commission_percent: 18, currency_code: l.currency_code, quantity: l.quantity, actions: [] })),
        }
      : null,
    customer: null,
    addressee: null,
    legal_info: w.legal_info ? { company_name: '', inn: '', kpp: '' } : null,
    requirements: {
      products_requiring_gtd: [],
      products_requiring_country: [],
      products_requiring_change_country: [],
      products_requiring_mandatory_mark: markSkus,
      products_requiring_rnpt: [],
      products_requiring_jw_uin: [],
      products_requiring_imei: [],
    },
    optional: { products_with_possible_mandatory_mark: [] },
    is_multibox: p.is_multibox,
    multi_box_qty: p.multi_box_qty,
    is_express: p.is_express,
    prr_option: '',
    quantum_id: 0,
    available_actions: availableActions(p),
    tariffication: v4 ? tariffication : tariffication ? [tariffication] : [],
    tariffication_steps: p.tariff_steps.map((s) => tariffStepWire(s, flavour)),
  }
  if (v4) {
    out.delivery_schema = 'fbs'
    out.last_changed_status_date = p.last_changed_status_date
    out.is_presortable = false
    out.external_order = { is_external: false, platform_name: '' }
  }
  if (flavour === 'v3-get') {
    out.previous_substatus = p.previous_substatus
    out.fact_delivery_date = p.fact_delivery_date
    out.additional_data = []
    out.courier = null
    out.delivery_price = ''
    out.provider_status = ''
    out.product_exemplars = w.product_exemplars ? exemplarsWire(p) : null
    out.related_postings = w.related_postings ? { related_posting_numbers: [...p.related_postings] } : null
  }
  return out
}

function exemplarsWire(p: SbPosting) {
  return {
    products: p.products.map((l) => ({
      sku: l.sku,
      exemplars: (p.exemplars?.[String(l.sku)] ?? []).map((e) => ({
        exemplar_id: Number(e.exemplar_id),
        mandatory_mark: e.marks.find((m) => m.mark_type === 'mandatory_mark')?.mark ?? '',
        gtd: e.gtd,
        is_gtd_absent: e.is_gtd_absent,
        rnpt: e.rnpt,
        is_rnpt_absent: e.is_rnpt_absent,
        imei: [],
      })),
    })),
  }
}
