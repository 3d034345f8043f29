// Reading postings: the unfulfilled queue, the all-postings list, one posting, a posting by label barcode,
// and product info for scan-to-verify (§5, §11 step 2–3).
import { z } from 'zod'
import { isMethodMissing, parseAnswer, post, wireId, type MethodContext } from '../context'
import { V3ListWire, V3UnfulfilledWire, V4ListWire } from '../schemas/lists'
import { OzonPosting, OzonPostingByBarcode } from '../schemas/posting'
import { OptionalInt64Id, Sku, Str, list } from '../schemas/primitives'

export interface PostingPage {
  postings: OzonPosting[]
  hasNext: boolean
  /** Total matches when Ozon says (v4 `count`, v3 `count`); null when it does not. */
  total: number | null
}

export interface WithBlocks {
  analytics_data?: boolean
  barcodes?: boolean
  financial_data?: boolean
  legal_info?: boolean
}

export interface UnfulfilledQuery {
  /** Pack-by window, ISO UTC. Ozon refuses a call without a window (§5.1). */
  cutoffFrom: string
  cutoffTo: string
  statuses?: string[]
  warehouseIds?: string[]
  deliveryMethodIds?: string[]
  providerIds?: string[]
  /** v4: 1..100 (default 100). v3: 1..1000 (default 1000 when v3 is used). */
  pageSize?: number
  with?: WithBlocks
}

export interface PostingListQuery {
  /** Creation/processing window, ISO UTC, at most a year apart. */
  since: string
  to: string
  statuses?: string[]
  warehouseIds?: string[]
  deliveryMethodIds?: string[]
  orderNumbers?: string[]
  lastChangedStatusFrom?: string
  lastChangedStatusTo?: string
  pageSize?: number
  with?: WithBlocks
}

const MAX_PAGES = 100_000

function checkWindow(from: string, to: string, what: string): void {
  const a = Date.parse(from)
  const b = Date.parse(to)
  if (Number.isNaN(a) || Number.isNaN(b)) throw new RangeError(`${what}: both ends must be ISO dates (e.g. 2026-06-01T00:00:00Z), got "${from}" … "${to}"`)
  if (a > b) throw new RangeError(`${what}: the window starts after it ends ("${from}" > "${to}") — swap the two dates`)
}

function checkPageSize(size: number, max: number, method: string): void {
  if (!Number.isInteger(size) || size < 1 || size > max) throw new RangeError(`${method}: page size must be 1..${max}, got ${size}`)
}

export function parsePostings(ctx: MethodContext, method: string, raw: unknown[]): OzonPosting[] {
  return raw.map((p) => {
    const num = p && typeof p === 'object' && typeof (p as { posting_number?: unknown }).posting_number === 'string' ? (p as { posting_number: string }).posting_number : undefined
    return parseAnswer(ctx, method, OzonPosting, p, num ? `posting ${num}` : undefined)
  })
}

const ids = (ctx: MethodContext, v?: string[]) => (v && v.length > 0 ? v.map((id) => wireId(ctx, id)) : undefined)

/**
 * The preferred (v4) list's pages — or, when its first page says the method is missing and fallback is on, the
 * older (v3) list's, remembered for the next call (§12).
 */
async function* orOlder(ctx: MethodContext, family: string, preferred: AsyncGenerator<PostingPage>, older: () => AsyncGenerator<PostingPage>): AsyncGenerator<PostingPage> {
  let first: IteratorResult<PostingPage>
  try {
    first = await preferred.next()
  } catch (e) {
    if (!ctx.variants.fallbackToOlder || !isMethodMissing(e)) throw e
    ctx.logger.warn('ozon v4 list missing, falling back to v3', { family })
    ctx.learnt.set(family, 'v3')
    yield* older()
    return
  }
  if (first.done) return
  yield first.value
  yield* preferred
}

/**
 * Cursor paging (v4, ≤100 a page) with one page of read-ahead: as soon as a page's cursor is known the next
 * request is sent, and the current page is validated while Ozon works on the next one. Cursor paging is
 * sequential by nature; this overlaps our parsing with the network and the server.
 */
async function* cursorPages(ctx: MethodContext, m: string, q: { pageSize?: number; with?: WithBlocks }, filter: object): AsyncGenerator<PostingPage> {
  const limit = q.pageSize ?? 100
  checkPageSize(limit, 100, m)
  const request = (cursor: string) => post(ctx, m, { cursor, limit, sort_dir: 'ASC', filter, with: { barcodes: true, ...q.with } }, { idempotent: true })
  let cursor = ''
  let pending: Promise<unknown> | null = request(cursor)
  try {
    for (let page = 0; page < MAX_PAGES && pending; page++) {
      const raw: unknown = await pending
      const a = parseAnswer(ctx, m, V4ListWire, raw)
      const hasNext: boolean = a.has_next && a.cursor !== '' && a.cursor !== cursor
      cursor = a.cursor
      pending = hasNext ? request(cursor) : null
      yield { postings: parsePostings(ctx, m, a.postings), hasNext, total: a.count }
    }
  } finally {
    // The caller stopped early or a page failed: the read-ahead's outcome no longer matters.
    pending?.catch(() => {})
  }
}

/** Offset paging (v3, ≤1000 a page); `read` says what a page holds and, where the list says so, whether more follow. */
async function* offsetPages<A>(
  ctx: MethodContext,
  m: string,
  q: { pageSize?: number; with?: WithBlocks },
  filter: object,
  schema: z.ZodType<A>,
  read: (a: A) => { postings: unknown[]; total: number | null; hasNext?: boolean },
): AsyncGenerator<PostingPage> {
  const limit = q.pageSize ?? 1000
  checkPageSize(limit, 1000, m)
  for (let offset = 0, page = 0; page < MAX_PAGES; page++) {
    const body = { dir: 'ASC', limit, offset, filter, with: { barcodes: true, ...q.with } }
    const p = read(parseAnswer(ctx, m, schema, await post(ctx, m, body, { idempotent: true })))
    offset += p.postings.length
    // Without has_next, `count` reads as the total number of matches (§1.3, inferred); a short page also ends it.
    const hasNext = p.hasNext ?? (p.postings.length === limit && (p.total === null || offset < p.total))
    yield { postings: parsePostings(ctx, m, p.postings), hasNext, total: p.total }
    if (!hasNext) return
  }
}

/**
 * The packing queue, page by page (v4 cursor, falling back to v3 offset paging). Yields as soon as each page
 * arrives so the station can show progress and keep memory flat.
 */
export async function* unfulfilledPages(ctx: MethodContext, q: UnfulfilledQuery): AsyncGenerator<PostingPage> {
  checkWindow(q.cutoffFrom, q.cutoffTo, 'unfulfilled postings')
  const filter = {
    cutoff_from: q.cutoffFrom,
    cutoff_to: q.cutoffTo,
    statuses: q.statuses,
    warehouse_ids: ids(ctx, q.warehouseIds),
    delivery_method_ids: ids(ctx, q.deliveryMethodIds),
    provider_ids: ids(ctx, q.providerIds),
  }
  const v3 = () => unfulfilledV3Each(ctx, q)
  const version = ctx.learnt.get('unfulfilled') ?? ctx.variants.unfulfilledList
  yield* version === 'v3' ? v3() : orOlder(ctx, 'unfulfilled', cursorPages(ctx, '/v4/posting/fbs/unfulfilled/list', q, filter), v3)
}

/** v3 filters by one status at a time: one paging loop per requested status. */
async function* unfulfilledV3Each(ctx: MethodContext, q: UnfulfilledQuery): AsyncGenerator<PostingPage> {
  const statuses = q.statuses && q.statuses.length > 1 ? q.statuses : [q.statuses?.[0]]
  for (let i = 0; i < statuses.length; i++) {
    const filter = {
      cutoff_from: q.cutoffFrom,
      cutoff_to: q.cutoffTo,
      status: statuses[i],
      warehouse_id: ids(ctx, q.warehouseIds),
      delivery_method_id: ids(ctx, q.deliveryMethodIds),
      provider_id: ids(ctx, q.providerIds),
    }
    for await (const page of offsetPages(ctx, '/v3/posting/fbs/unfulfilled/list', q, filter, V3UnfulfilledWire, (a) => ({ postings: a.result.postings, total: a.result.count }))) {
      // Totals are per status in v3; report them only when there is one status.
      yield { ...page, total: statuses.length === 1 ? page.total : null, hasNext: page.hasNext || i < statuses.length - 1 }
    }
  }
}

/** All postings of a period in any status (v4 cursor, v3 offset fallback), page by page. */
export async function* postingListPages(ctx: MethodContext, q: PostingListQuery): AsyncGenerator<PostingPage> {
  checkWindow(q.since, q.to, 'posting list')
  const changed = q.lastChangedStatusFrom && q.lastChangedStatusTo ? { from: q.lastChangedStatusFrom, to: q.lastChangedStatusTo } : undefined
  const v3filter = {
    since: q.since,
    to: q.to,
    status: q.statuses?.[0],
    warehouse_id: ids(ctx, q.warehouseIds),
    delivery_method_id: ids(ctx, q.deliveryMethodIds),
    ...(changed ? { last_changed_status_date: changed } : {}),
  }
  const v3 = () =>
    offsetPages(ctx, '/v3/posting/fbs/list', q, v3filter, V3ListWire, (a) => ({
      postings: a.result.postings,
      total: null,
      hasNext: a.result.has_next && a.result.postings.length > 0,
    }))
  const filter = {
    since: q.since,
    to: q.to,
    statuses: q.statuses,
    warehouse_ids: ids(ctx, q.warehouseIds),
    delivery_method_ids: ids(ctx, q.deliveryMethodIds),
    order_numbers: q.orderNumbers,
    ...(changed ? { [ctx.variants.lastChangedStatusDateKey]: changed } : {}),
  }
  const version = ctx.learnt.get('postingList') ?? ctx.variants.postingList
  yield* version === 'v3' ? v3() : orOlder(ctx, 'postingList', cursorPages(ctx, '/v4/posting/fbs/list', q, filter), v3)
}

export interface GetPostingOptions {
  barcodes?: boolean
  productExemplars?: boolean
  relatedPostings?: boolean
  analyticsData?: boolean
  financialData?: boolean
  legalInfo?: boolean
}

const GetWire = z.object({ result: z.unknown() })

/** One posting with the blocks the bench needs (barcodes, exemplars, related postings by default). */
export async function getPosting(ctx: MethodContext, postingNumber: string, opts: GetPostingOptions = {}): Promise<OzonPosting> {
  const m = '/v3/posting/fbs/get'
  if (!postingNumber) throw new RangeError(`${m}: posting number is empty`)
  const body = {
    posting_number: postingNumber,
    with: {
      barcodes: opts.barcodes ?? true,
      product_exemplars: opts.productExemplars ?? true,
      related_postings: opts.relatedPostings ?? true,
      analytics_data: opts.analyticsData ?? false,
      financial_data: opts.financialData ?? false,
      legal_info: opts.legalInfo ?? false,
    },
  }
  const a = parseAnswer(ctx, m, GetWire, await post(ctx, m, body, { idempotent: true }), `posting ${postingNumber}`)
  return parseAnswer(ctx, m, OzonPosting, a.result, `posting ${postingNumber}`)
}

/** Scan of a label barcode (upper `%101%…` or the 14-digit lower one) → the posting it belongs to. */
export async function getPostingByBarcode(ctx: MethodContext, barcode: string) {
  const m = '/v2/posting/fbs/get-by-barcode'
  const code = barcode.trim()
  if (!code) throw new RangeError(`${m}: barcode is empty — scan the barcode on the Ozon label`)
  const a = parseAnswer(ctx, m, GetWire, await post(ctx, m, { barcode: code }, { idempotent: true }), `barcode ${code}`)
  return parseAnswer(ctx, m, OzonPostingByBarcode, a.result, `barcode ${code}`)
}

export const OzonProductInfo = z
  .object({
    id: OptionalInt64Id,
    sku: Sku.nullish(),
    offer_id: Str,
    name: Str,
    barcodes: list(z.string()),
    barcode: Str,
    primary_image: z.union([z.string(), z.array(z.string())]).nullish(),
    images: list(z.string()),
    sources: list(z.object({ sku: Sku.nullish() }).loose()),
  })
  .transform((p) => {
    const primary = Array.isArray(p.primary_image) ? p.primary_image[0] : p.primary_image
    const barcodes = [...new Set([...p.barcodes, ...(p.barcode ? [p.barcode] : [])])]
    return {
      product_id: p.id,
      sku: p.sku ?? p.sources.find((s) => s.sku)?.sku ?? null,
      offer_id: p.offer_id,
      name: p.name,
      barcodes,
      image: primary || p.images[0] || null,
    }
  })
export type OzonProductInfo = z.output<typeof OzonProductInfo>

const ProductInfoWire = z.object({ items: list(OzonProductInfo), result: z.object({ items: list(OzonProductInfo) }).nullish() })

/** Product barcodes (EAN-13 and Ozon `OZN…`), names and images by SKU, for scan-to-verify. At most 1000 per call. */
export async function productInfo(ctx: MethodContext, q: { skus?: number[]; offerIds?: string[] }): Promise<OzonProductInfo[]> {
  const m = '/v3/product/info/list'
  const skus = q.skus ?? []
  const offerIds = q.offerIds ?? []
  if (skus.length + offerIds.length === 0) return []
  const out: OzonProductInfo[] = []
  // Ozon caps the request at 1000 identifiers.
  for (let i = 0; i < Math.max(skus.length, offerIds.length); i += 1000) {
    const body = { sku: skus.slice(i, i + 1000).map(String), offer_id: offerIds.slice(i, i + 1000) }
    const a = parseAnswer(ctx, m, ProductInfoWire, await post(ctx, m, body, { idempotent: true }))
    out.push(...(a.items.length > 0 ? a.items : (a.result?.items ?? [])))
  }
  return out
}

