// Packing calls (§6): ship v4 (packages → postings), partial ship/package, multi-box count, and the marking-code
// exemplar methods that must be satisfied before a marked posting can be shipped.
import { z } from 'zod'
import { parseAnswer, post, type MethodContext } from '../context'
import { OzonPostingProduct } from '../schemas/posting'
import { Bool, ItemError, OptionalInt64Id, Sku, Str, list } from '../schemas/primitives'

export interface PackageLine {
  /** Ozon SKU (the posting's `products[].sku`) — what ship calls `product_id`. */
  sku: number
  quantity: number
}

/** One physical box or bag = one resulting posting. */
export interface PackagePlan {
  products: PackageLine[]
}

export interface ShipAnswer {
  /** Posting numbers after packing, as Ozon returned them (never derived by us). */
  postingNumbers: string[]
  /** What went into each resulting posting, when Ozon said (`with.additional_data`). */
  packages: { posting_number: string; products: OzonPostingProduct[] }[]
}

const ShipWire = z.object({
  result: z.array(z.string()),
  additional_data: list(z.object({ posting_number: z.string(), products: list(OzonPostingProduct) })),
})

/** Checks a packing plan before it goes to Ozon: clear errors instead of Ozon's terse reason codes. */
export function checkPlan(postingNumber: string, packages: PackagePlan[]): void {
  if (!postingNumber) throw new RangeError('ship: posting number is empty')
  if (packages.length === 0) throw new RangeError(`ship ${postingNumber}: the plan has no packages — put every item in a package`)
  packages.forEach((p, i) => {
    if (p.products.length === 0) throw new RangeError(`ship ${postingNumber}: package ${i + 1} is empty — remove it or move an item into it`)
    for (const l of p.products) {
      if (!Number.isSafeInteger(l.sku) || l.sku <= 0) throw new RangeError(`ship ${postingNumber}: package ${i + 1} has an invalid SKU ${l.sku}`)
      if (!Number.isInteger(l.quantity) || l.quantity < 1) throw new RangeError(`ship ${postingNumber}: package ${i + 1}, SKU ${l.sku}: quantity must be a whole number ≥ 1, got ${l.quantity}`)
    }
  })
}

/** One `/v4/posting/fbs/ship` call. Not retried when its outcome is unknown — use shipIdempotent for that. */
export async function ship(ctx: MethodContext, postingNumber: string, packages: PackagePlan[]): Promise<ShipAnswer> {
  const m = '/v4/posting/fbs/ship'
  checkPlan(postingNumber, packages)
  const body = {
    posting_number: postingNumber,
    packages: packages.map((p) => ({ products: p.products.map((l) => ({ product_id: l.sku, quantity: l.quantity })) })),
    with: { additional_data: true },
  }
  const a = parseAnswer(ctx, m, ShipWire, await post(ctx, m, body, { idempotent: false }), `posting ${postingNumber}`)
  return { postingNumbers: a.result, packages: a.additional_data }
}

/** `/v4/posting/fbs/ship/package`: splits the listed units off into a new posting; returns its number. */
export async function shipPackage(ctx: MethodContext, postingNumber: string, products: (PackageLine & { exemplarIds?: string[] })[]): Promise<string> {
  const m = '/v4/posting/fbs/ship/package'
  checkPlan(postingNumber, [{ products }])
  const key = ctx.variants.exemplarIdsKey
  const body = {
    posting_number: postingNumber,
    products: products.map((l) => ({ product_id: l.sku, quantity: l.quantity, ...(l.exemplarIds?.length ? { [key]: l.exemplarIds } : {}) })),
  }
  const a = parseAnswer(ctx, m, z.object({ result: z.union([z.string(), z.array(z.string()).min(1)]) }), await post(ctx, m, body, { idempotent: false }), `posting ${postingNumber}`)
  return Array.isArray(a.result) ? a.result[0]! : a.result
}

/** Box count of a multi-box posting, before packing (§6.4). */
export async function setMultiBoxQty(ctx: MethodContext, postingNumber: string, boxes: number): Promise<boolean> {
  const m = ctx.variants.multiboxPath
  if (!Number.isInteger(boxes) || boxes < 1) throw new RangeError(`multi-box ${postingNumber}: box count must be a whole number ≥ 1, got ${boxes}`)
  const Wire = z.object({ result: z.union([z.boolean(), z.object({ result: z.boolean() })]) })
  const a = parseAnswer(ctx, m, Wire, await post(ctx, m, { posting_number: postingNumber, multi_box_qty: boxes }, { idempotent: true }), `posting ${postingNumber}`)
  return typeof a.result === 'boolean' ? a.result : a.result.result
}

// ---- marking codes (exemplars) -------------------------------------------------------------------------------

const Mark = z.object({ mark: Str, mark_type: Str })

export const OzonExemplarSlot = z.object({
  exemplar_id: OptionalInt64Id.transform((v) => v ?? ''),
  gtd: Str,
  is_gtd_absent: Bool,
  rnpt: Str,
  is_rnpt_absent: Bool,
  marks: list(Mark),
})

export const OzonExemplarProduct = z.object({
  product_id: Sku,
  quantity: z.number().int().nullish().transform((v) => v ?? 0),
  is_mandatory_mark_needed: Bool,
  is_mandatory_mark_possible: Bool,
  is_gtd_needed: Bool,
  is_rnpt_needed: Bool,
  is_jw_uin_needed: Bool,
  has_imei: Bool,
  exemplars: list(OzonExemplarSlot),
})
export type OzonExemplarProduct = z.output<typeof OzonExemplarProduct>

const CreateOrGetWire = z.object({ posting_number: Str, multi_box_qty: z.number().nullish(), products: list(OzonExemplarProduct) })

/** v6 create-or-get: the exemplar ids to fill, one per unit. */
export async function exemplarsCreateOrGet(ctx: MethodContext, postingNumber: string): Promise<OzonExemplarProduct[]> {
  const m = '/v6/fbs/posting/product/exemplar/create-or-get'
  return parseAnswer(ctx, m, CreateOrGetWire, await post(ctx, m, { posting_number: postingNumber }, { idempotent: true }), `posting ${postingNumber}`).products
}

export interface ExemplarInput {
  exemplarId: string
  /** The Честный ЗНАК DataMatrix payload (GS separators as scanned). */
  mark?: string
  markType?: 'mandatory_mark' | 'jw_uin' | 'imei'
  gtd?: string
  isGtdAbsent?: boolean
  rnpt?: string
  isRnptAbsent?: boolean
}

/** v6 set: always the full set of exemplars of the posting (§6.5). Idempotent by design. */
export async function exemplarsSet(ctx: MethodContext, postingNumber: string, products: { sku: number; exemplars: ExemplarInput[] }[], multiBoxQty?: number): Promise<void> {
  const m = '/v6/fbs/posting/product/exemplar/set'
  const body = {
    posting_number: postingNumber,
    ...(multiBoxQty ? { multi_box_qty: multiBoxQty } : {}),
    products: products.map((p) => ({
      product_id: p.sku,
      exemplars: p.exemplars.map((e) => ({
        exemplar_id: Number(e.exemplarId),
        gtd: e.gtd ?? '',
        is_gtd_absent: e.isGtdAbsent ?? !e.gtd,
        rnpt: e.rnpt ?? '',
        is_rnpt_absent: e.isRnptAbsent ?? !e.rnpt,
        marks: e.mark ? [{ mark: e.mark, mark_type: e.markType ?? 'mandatory_mark' }] : [],
      })),
    })),
  }
  await post(ctx, m, body, { idempotent: true })
}

const MarkCheck = z.object({ mark: Str, mark_type: Str, check_status: Str, error_codes: list(z.string()) })
const StatusWire = z.object({
  posting_number: Str,
  status: z.string(),
  products: list(
    z.object({
      product_id: Sku,
      exemplars: list(z.object({ exemplar_id: OptionalInt64Id.transform((v) => v ?? ''), marks: list(MarkCheck) })),
    }),
  ),
})
export type OzonExemplarStatus = z.output<typeof StatusWire>

/** v5 status: `ship_available` means the posting may be packed. */
export async function exemplarsStatus(ctx: MethodContext, postingNumber: string): Promise<OzonExemplarStatus> {
  const m = '/v5/fbs/posting/product/exemplar/status'
  return parseAnswer(ctx, m, StatusWire, await post(ctx, m, { posting_number: postingNumber }, { idempotent: true }), `posting ${postingNumber}`)
}

const ValidateWire = z.object({
  products: list(
    z.object({
      product_id: Sku,
      valid: Bool,
      error: ItemError,
      exemplars: list(z.object({ valid: Bool, marks: list(z.object({ mark: Str, valid: Bool, errors: list(z.string()) })) })),
    }),
  ),
})

/** v5 validate: a format check of codes before setting them (no state change). */
export async function exemplarsValidate(ctx: MethodContext, postingNumber: string, products: { sku: number; marks: string[] }[]) {
  const m = '/v5/fbs/posting/product/exemplar/validate'
  const body = {
    posting_number: postingNumber,
    products: products.map((p) => ({ product_id: p.sku, exemplars: p.marks.map((mark) => ({ marks: [{ mark, mark_type: 'mandatory_mark' }] })) })),
  }
  return parseAnswer(ctx, m, ValidateWire, await post(ctx, m, body, { idempotent: true }), `posting ${postingNumber}`).products
}
