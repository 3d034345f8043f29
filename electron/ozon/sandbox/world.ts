// The sandbox's server-side state: one seller account per Client-Id with its warehouses, delivery methods,
// product catalogue and postings. Plain JSON-able data so it can be persisted as one file and read back.

export interface SbWarehouse {
  warehouse_id: string
  name: string
  status: 'created' | 'new' | 'disabled'
  is_rfbs: boolean
  has_entrusted_acceptance: boolean
  first_mile_type: 'DropOff' | 'Pickup'
  carriage_label_type: 'BIG' | 'SMALL'
  address: string
  city: string
  utc: string
  working_days: number[] // 1..7 = Mon..Sun
  created_at: string
}

export interface SbDeliveryMethod {
  id: string
  name: string
  warehouse_id: string
  provider_id: number
  provider_name: string
  tpl_integration_type: 'ozon' | '3pl_tracking' | 'non_integrated' | 'aggregator'
  status: 'ACTIVE' | 'NEW' | 'DISABLED'
  cutoff: string // "HH:MM"
  sla_cut_in: number // minutes
  template_id: number
  is_express: boolean
  created_at: string
}

export interface SbProduct {
  product_id: number
  sku: number
  offer_id: string
  name: string
  price: number
  currency: string
  /** Seller EAN-13 first (when the product has one), then Ozon's `OZN<sku>`. */
  barcodes: string[]
  requires_mark: boolean
  image: string
}

export interface SbLine {
  sku: number
  offer_id: string
  name: string
  quantity: number
  price: number
  currency_code: string
}

export interface SbMark {
  mark: string
  mark_type: string
}

export interface SbExemplar {
  exemplar_id: string
  gtd: string
  is_gtd_absent: boolean
  rnpt: string
  is_rnpt_absent: boolean
  marks: SbMark[]
  /** Result of the (simulated) Честный ЗНАК check once `checked_at` has passed. */
  check: 'pending' | 'passed' | 'failed'
}

export interface SbTariffStep {
  tariff_type: 'discount' | 'no_discount' | 'commission'
  tariff_rate: number
  tariff_charge: number | null
  min_charge: number | null
  tariff_deadline_at: string
}

export interface SbShipJob {
  /** When the asynchronous packing finishes (ISO). */
  due_at: string
  /** The posting numbers reported in the ship answer, in package order. */
  numbers: string[]
  /** What the original posting had before the split (restored if the job fails). */
  original_products: SbLine[]
  original_mark_skus: number[]
  original_exemplars: Record<string, SbExemplar[]> | null
  /** The posting the ship was called on. */
  origin: string
  fail: boolean
}

export interface SbPosting {
  posting_number: string
  order_id: number
  order_number: string
  parent_posting_number: string
  status: string
  substatus: string
  previous_substatus: string
  delivery_method_id: string
  warehouse_id: string
  tpl_integration_type: string
  tracking_number: string
  created_at: string
  in_process_at: string
  shipment_date: string
  shipment_date_without_delay: string
  delivering_date: string | null
  fact_delivery_date: string | null
  last_changed_status_date: string
  products: SbLine[]
  barcodes: { upper_barcode: string; lower_barcode: string }
  mandatory_mark_skus: number[]
  is_multibox: boolean
  multi_box_qty: number
  is_express: boolean
  tariff_steps: SbTariffStep[]
  cancellation: {
    cancel_reason_id: number
    cancel_reason: string
    cancellation_type: string
    cancellation_initiator: string
    cancelled_after_ship: boolean
  } | null
  /** sku → exemplars (one per unit) once create-or-get was called. */
  exemplars: Record<string, SbExemplar[]> | null
  exemplars_checked_at: string | null
  related_postings: string[]
  ship_job: SbShipJob | null
  /** How many times a ship of this posting was accepted (to prove "never a duplicate ship"). */
  ship_accepted: number
  packed_at: string | null
  label_ready_at: string | null
  carriage_id: string | null
  customer_city: string
  customer_region: string
}

export interface SbLabelTask {
  task_id: string
  task_type: 'big_label' | 'small_label'
  posting_numbers: string[]
  created_at: string
  ready_at: string
  /** Decided when the task completes: which postings made it into the file, which did not and why. */
  printed: string[] | null
  unprinted: { posting_number: string; message: string }[] | null
}

export interface SbCarriage {
  carriage_id: string
  delivery_method_id: string
  departure_date: string
  status: 'new' | 'approved' | 'formed' | 'cancelled'
  containers_count: number
  posting_numbers: string[]
  created_at: string
  approved_at: string | null
  formed_at: string | null
}

export interface SbAccount {
  client_id: string
  api_key: string
  name: string
  company_name: string
  seed: number
  warehouses: SbWarehouse[]
  delivery_methods: SbDeliveryMethod[]
  catalog: SbProduct[]
  postings: Record<string, SbPosting>
  label_tasks: Record<string, SbLabelTask>
  carriages: Record<string, SbCarriage>
  /** Highest posting index used per order number (numbers are never reused, even after a failed split). */
  order_index: Record<string, number>
  next_order: number
  next_id: number
  /** Arrivals generated so far (the demo's arrival schedule is a pure function of the seed and this index). */
  arrivals: { count: number; last_at: string }
  /** Pending injected ship failures: posting number (or "*") → remaining count. */
  ship_failures: Record<string, number>
}

export interface SbWorld {
  version: 1
  accounts: Record<string, SbAccount>
}

/** A status change as Ozon records it: the old substatus becomes the previous one, and the change is stamped. */
export function moveTo(p: SbPosting, status: string, substatus: string, at: string): void {
  p.previous_substatus = p.substatus
  p.status = status
  p.substatus = substatus
  p.last_changed_status_date = at
}
