// The posting as the station sees it: Ozon's snake_case field names (§5.5) with the wire variants of v3 and v4
// folded into one shape. Unknown fields are dropped, missing optional blocks become null, lists become [].
import { z } from 'zod'
import { Bool, Decimal, Int64Id, MoneyLike, NullableStr, OptionalInt64Id, Sku, Str, block, list, moneyFrom, type Money } from './primitives'

/** A posting line. `price` is always `{amount, currency}` (v3 sends a decimal string + `currency_code`, v4 an object). */
export const OzonPostingProduct = z
  .object({
    sku: Sku,
    offer_id: Str,
    name: Str,
    quantity: z.number().int(),
    price: MoneyLike,
    currency_code: z.string().nullish(),
    is_blr_traceable: Bool,
    is_marketplace_buyout: Bool,
    imei: list(z.string()),
    weight: z.number().nullish(),
  })
  .transform(({ currency_code, price, ...rest }) => ({
    ...rest,
    price: moneyFrom(price, currency_code || 'RUB') ?? { amount: 0, currency: currency_code || 'RUB' },
    weight: rest.weight ?? null,
  }))
export type OzonPostingProduct = z.output<typeof OzonPostingProduct>

/** SKU lists in `requirements` arrive as numbers or strings → number[]. */
const SkuList = list(Sku)

export const OzonRequirements = z
  .object({
    products_requiring_gtd: SkuList,
    products_requiring_country: SkuList,
    products_requiring_change_country: SkuList,
    products_requiring_mandatory_mark: SkuList,
    products_requiring_rnpt: SkuList,
    products_requiring_jw_uin: SkuList,
    products_requiring_imei: SkuList,
    products_requiring_weight: SkuList,
  })
  .nullish()
  .transform(
    (v) =>
      v ?? {
        products_requiring_gtd: [],
        products_requiring_country: [],
        products_requiring_change_country: [],
        products_requiring_mandatory_mark: [],
        products_requiring_rnpt: [],
        products_requiring_jw_uin: [],
        products_requiring_imei: [],
        products_requiring_weight: [],
      },
  )

export const OzonTariffStep = z
  .object({
    tariff_type: Str,
    tariff_rate: Decimal.nullish(),
    tariff_charge: MoneyLike,
    min_charge: MoneyLike,
    tariff_deadline_at: Str,
    currency_code: z.string().nullish(),
  })
  .transform((s) => ({
    tariff_type: s.tariff_type,
    tariff_rate: s.tariff_rate ?? 0,
    tariff_charge: moneyFrom(s.tariff_charge, s.currency_code || 'RUB'),
    min_charge: moneyFrom(s.min_charge, s.currency_code || 'RUB'),
    tariff_deadline_at: s.tariff_deadline_at,
  }))
export type OzonTariffStep = z.output<typeof OzonTariffStep>

export const OzonDeliveryMethodRef = z
  .object({
    id: Int64Id,
    name: Str,
    warehouse_id: Int64Id,
    warehouse: Str,
    tpl_provider_id: OptionalInt64Id,
    tpl_provider: Str,
  })
  .nullish()
  .transform((v) => v ?? { id: '', name: '', warehouse_id: '', warehouse: '', tpl_provider_id: null, tpl_provider: '' })

export const OzonCancellation = z.object({
  cancel_reason_id: z.union([z.number(), z.string()]).nullish().transform((v) => (v === null || v === undefined ? 0 : Number(v))),
  cancel_reason: Str,
  cancellation_type: Str,
  cancellation_initiator: Str,
  cancelled_after_ship: Bool,
  affect_cancellation_rating: Bool,
})

export const OzonBarcodes = z.object({ upper_barcode: Str, lower_barcode: Str })

const Exemplar = z.object({
  exemplar_id: OptionalInt64Id,
  mandatory_mark: Str,
  gtd: Str,
  is_gtd_absent: Bool,
  rnpt: Str,
  is_rnpt_absent: Bool,
})

export const OzonProductExemplars = z.object({
  products: list(z.object({ sku: Sku, exemplars: list(Exemplar) })),
})

/** `tariffication` is an array in v3 and an object in v4 (§5.5 [CONFLICT]): keep the first/only object. */
const Tariffication = z
  .union([z.array(z.record(z.string(), z.unknown())), z.record(z.string(), z.unknown())])
  .nullish()
  .transform((v) => (Array.isArray(v) ? (v[0] ?? null) : (v ?? null)))

const LooseBlock = block(z.record(z.string(), z.unknown()))

export const OzonPosting = z
  .object({
    posting_number: z.string().min(1),
    order_id: OptionalInt64Id,
    order_number: Str,
    parent_posting_number: Str,
    status: z.string(),
    substatus: Str,
    previous_substatus: Str,
    delivery_schema: Str,
    delivery_method: OzonDeliveryMethodRef,
    tracking_number: Str,
    tpl_integration_type: Str,
    in_process_at: Str,
    shipment_date: Str,
    shipment_date_without_delay: NullableStr,
    delivering_date: NullableStr,
    fact_delivery_date: NullableStr,
    last_changed_status_date: NullableStr,
    cancellation: block(OzonCancellation),
    products: z.array(OzonPostingProduct),
    barcodes: block(OzonBarcodes),
    analytics_data: LooseBlock,
    financial_data: LooseBlock,
    customer: LooseBlock,
    addressee: LooseBlock,
    legal_info: LooseBlock,
    requirements: OzonRequirements,
    optional: z
      .object({ products_with_possible_mandatory_mark: SkuList })
      .nullish()
      .transform((v) => v ?? { products_with_possible_mandatory_mark: [] }),
    is_multibox: Bool,
    multi_box_qty: z.number().int().nullish().transform((v) => v ?? 1),
    is_express: Bool,
    quantum_id: OptionalInt64Id,
    available_actions: list(z.string()),
    tariffication: Tariffication,
    tariffication_steps: list(OzonTariffStep),
    additional_data: list(z.object({ key: z.string(), value: z.string() })),
    product_exemplars: block(OzonProductExemplars),
    related_postings: block(z.object({ related_posting_numbers: list(z.string()) })),
  })
  .transform((p) => ({ ...p, order_id: p.order_id ?? '' }))
export type OzonPosting = z.output<typeof OzonPosting>
export type { Money }

/** The small answer of `/v2/posting/fbs/get-by-barcode` (§5.7); extra fields tolerated. */
export const OzonPostingByBarcode = z
  .object({
    posting_number: z.string().min(1),
    order_id: OptionalInt64Id,
    order_number: Str,
    status: z.string(),
    cancel_reason_id: z.union([z.number(), z.string()]).nullish().transform((v) => (v ? Number(v) : 0)),
    created_at: Str,
    in_process_at: Str,
    shipment_date: Str,
    barcodes: block(OzonBarcodes),
    products: list(OzonPostingProduct),
  })
  .transform((p) => ({ ...p, order_id: p.order_id ?? '' }))
export type OzonPostingByBarcode = z.output<typeof OzonPostingByBarcode>
