// Reference data the station caches at start-up: warehouses and delivery methods (§4). The v2 and v1 answers
// differ a lot; both are mapped into one shape so a fallback to v1 is invisible to the rest of the station.
import { z } from 'zod'
import { Bool, Int64Id, NullableStr, OptionalInt64Id, Str, list } from './primitives'

export const OzonWarehouse = z.object({
  warehouse_id: z.string(),
  name: z.string(),
  /** `created` = active; v2 sends upper-case words, normalised to lower case. */
  status: z.string(),
  is_rfbs: z.boolean(),
  has_entrusted_acceptance: z.boolean(),
  /** `DropOff` | `Pickup` | null (v2 `DROP_OFF`/`PICK_UP` are mapped to the v1 words). */
  first_mile_type: z.string().nullable(),
  /** Label size chosen for the warehouse (v2 only): `BIG` | `SMALL` | null. */
  carriage_label_type: z.string().nullable(),
  working_days: z.array(z.string()),
  timezone_utc: z.string().nullable(),
  address: z.string().nullable(),
  source: z.enum(['v2', 'v1']),
})
export type OzonWarehouse = z.infer<typeof OzonWarehouse>

const FIRST_MILE: Record<string, string> = { DROP_OFF: 'DropOff', PICK_UP: 'Pickup', DropOff: 'DropOff', Pickup: 'Pickup' }

export const WarehouseV2Wire = z
  .object({
    warehouse_id: Int64Id,
    name: Str,
    status: Str,
    is_rfbs: Bool,
    has_entrusted_acceptance: Bool,
    first_mile: z.object({ type: Str }).nullish(),
    carriage_label_type: NullableStr,
    working_days: list(z.string()),
    address_info: z.object({ address: Str, utc: Str }).nullish(),
  })
  .transform(
    (w): OzonWarehouse => ({
      warehouse_id: w.warehouse_id,
      name: w.name,
      status: w.status.toLowerCase(),
      is_rfbs: w.is_rfbs,
      has_entrusted_acceptance: w.has_entrusted_acceptance,
      first_mile_type: w.first_mile?.type ? (FIRST_MILE[w.first_mile.type] ?? w.first_mile.type) : null,
      carriage_label_type: w.carriage_label_type && w.carriage_label_type !== 'UNSPECIFIED' ? w.carriage_label_type : null,
      working_days: w.working_days,
      timezone_utc: w.address_info?.utc || null,
      address: w.address_info?.address || null,
      source: 'v2',
    }),
  )

export const WarehouseListV2Wire = z.object({
  warehouses: list(WarehouseV2Wire),
  cursor: Str,
  // The doc example shows has_next as a string (doc glitch, §4.2) — accept both.
  has_next: z.union([z.boolean(), z.string()]).nullish().transform((v) => v === true || v === 'true'),
})

const DAY_NAMES = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']

export const WarehouseV1Wire = z
  .object({
    warehouse_id: Int64Id,
    name: Str,
    status: Str,
    is_rfbs: Bool,
    has_entrusted_acceptance: Bool,
    first_mile_type: z.object({ first_mile_type: Str }).nullish(),
    working_days: list(z.union([z.string(), z.number()])),
  })
  .transform(
    (w): OzonWarehouse => ({
      warehouse_id: w.warehouse_id,
      name: w.name,
      status: w.status.toLowerCase(),
      is_rfbs: w.is_rfbs,
      has_entrusted_acceptance: w.has_entrusted_acceptance,
      first_mile_type: w.first_mile_type?.first_mile_type ? (FIRST_MILE[w.first_mile_type.first_mile_type] ?? w.first_mile_type.first_mile_type) : null,
      carriage_label_type: null,
      // v1 numbers days "1".."7" (Mon..Sun); v2 names them. Keep the v2 words.
      working_days: w.working_days.map((d) => DAY_NAMES[Number(d) - 1] ?? String(d)),
      timezone_utc: null,
      address: null,
      source: 'v1',
    }),
  )

export const WarehouseListV1Wire = z.object({ result: list(WarehouseV1Wire) })

export const OzonDeliveryMethod = z.object({
  id: z.string(),
  name: z.string(),
  /** NEW | EDITED | ACTIVE | DISABLED */
  status: z.string(),
  warehouse_id: z.string(),
  provider_id: z.string().nullable(),
  /** Only when Ozon names the carrier in the answer (it usually does not; postings carry `tpl_provider`). */
  provider_name: z.string().nullable(),
  /** ozon | aggregator | 3pl_tracking | non_integrated | hybryd; null from v1, which does not say. */
  tpl_integration_type: z.string().nullable(),
  /** Daily packing deadline "HH:MM" (time zone not stated by Ozon). */
  cutoff: z.string().nullable(),
  sla_cut_in: z.number().nullable(),
  is_express: z.boolean(),
  source: z.enum(['v2', 'v1']),
})
export type OzonDeliveryMethod = z.infer<typeof OzonDeliveryMethod>

const DeliveryMethodWireBase = {
  id: Int64Id,
  name: Str,
  status: Str,
  warehouse_id: Int64Id,
  provider_id: OptionalInt64Id,
  provider_name: NullableStr,
  tpl_provider: NullableStr,
  cutoff: NullableStr,
  sla_cut_in: z.union([z.number(), z.string()]).nullish(),
  is_express: Bool,
}

function toDeliveryMethod(source: 'v1' | 'v2') {
  return (d: {
    id: string
    name: string
    status: string
    warehouse_id: string
    provider_id: string | null
    provider_name: string | null
    tpl_provider: string | null
    cutoff: string | null
    sla_cut_in?: number | string | null
    is_express: boolean
    tpl_integration_type?: string | null
  }): OzonDeliveryMethod => ({
    id: d.id,
    name: d.name,
    status: d.status.toUpperCase(),
    warehouse_id: d.warehouse_id,
    provider_id: d.provider_id,
    provider_name: d.provider_name ?? d.tpl_provider,
    tpl_integration_type: d.tpl_integration_type || null,
    cutoff: d.cutoff,
    sla_cut_in: d.sla_cut_in === null || d.sla_cut_in === undefined || d.sla_cut_in === '' ? null : Number(d.sla_cut_in),
    is_express: d.is_express,
    source,
  })
}

export const DeliveryMethodV2Wire = z.object({ ...DeliveryMethodWireBase, tpl_integration_type: NullableStr }).transform(toDeliveryMethod('v2'))
export const DeliveryMethodListV2Wire = z.object({
  delivery_methods: list(DeliveryMethodV2Wire),
  cursor: Str,
  has_next: z.union([z.boolean(), z.string()]).nullish().transform((v) => v === true || v === 'true'),
})
export const DeliveryMethodV1Wire = z.object(DeliveryMethodWireBase).transform(toDeliveryMethod('v1'))
export const DeliveryMethodListV1Wire = z.object({ result: list(DeliveryMethodV1Wire), has_next: Bool })
