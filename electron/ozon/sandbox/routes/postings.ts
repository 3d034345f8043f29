// Posting lists (v3 offset, v4 cursor), one posting, and lookup by label barcode (§5).
import { UNFULFILLED_LIST_STATUSES } from '../../../../shared/domain/unfulfilled-list'
import { ApiError, invalid, notFound } from '../api-error'
import { BodyReader } from '../body'
import { postingWire, type WireFlavour, type WithFlags } from '../wire'
import type { SbAccount, SbPosting } from '../world'
import type { SandboxState } from '../state'
import { decodeKeyCursor, encodeKeyCursor } from './cursor'
import type { Call, Route } from './types'

interface Filter {
  kind: 'unfulfilled' | 'all'
  /** Field the window applies to and the sort key. */
  key: 'shipment_date' | 'delivering_date' | 'in_process_at'
  from: string
  to: string
  statuses: string[]
  warehouseIds: string[]
  deliveryMethodIds: string[]
  providerIds: string[]
  orderNumbers: string[]
  changedFrom: string
  changedTo: string
  desc: boolean
}

// ---- filtering with a per-filter cache (the bench pages through 10,000 postings) -----------------------------

const cache = new WeakMap<SbAccount, Map<string, { version: number; items: SbPosting[] }>>()

function matching(state: SandboxState, acc: SbAccount, f: Filter): SbPosting[] {
  const id = JSON.stringify(f)
  let perAcc = cache.get(acc)
  if (!perAcc) cache.set(acc, (perAcc = new Map()))
  const hit = perAcc.get(id)
  if (hit && hit.version === state.version(acc)) return hit.items
  const from = Date.parse(f.from)
  const to = Date.parse(f.to)
  const cFrom = f.changedFrom ? Date.parse(f.changedFrom) : null
  const cTo = f.changedTo ? Date.parse(f.changedTo) : null
  const providers = new Set(f.providerIds)
  const items = Object.values(acc.postings).filter((p) => {
    if (f.kind === 'unfulfilled' && !UNFULFILLED_LIST_STATUSES.has(p.status)) return false
    if (f.statuses.length > 0 && !f.statuses.includes(p.status)) return false
    const at = p[f.key]
    if (!at) return false
    const t = Date.parse(at)
    if (t < from || t > to) return false
    if (f.warehouseIds.length > 0 && !f.warehouseIds.includes(p.warehouse_id)) return false
    if (f.deliveryMethodIds.length > 0 && !f.deliveryMethodIds.includes(p.delivery_method_id)) return false
    if (providers.size > 0) {
      const dm = acc.delivery_methods.find((d) => d.id === p.delivery_method_id)
      if (!dm || !providers.has(String(dm.provider_id))) return false
    }
    if (f.orderNumbers.length > 0 && !f.orderNumbers.includes(p.order_number)) return false
    if (cFrom !== null && cTo !== null) {
      const c = Date.parse(p.last_changed_status_date)
      if (c < cFrom || c > cTo) return false
    }
    return true
  })
  items.sort((a, b) => cmp(a, b, f))
  if (perAcc.size > 32) perAcc.clear()
  perAcc.set(id, { version: state.version(acc), items })
  return items
}

function sortKey(p: SbPosting, f: Filter): string {
  return p[f.key] ?? ''
}

function cmp(a: SbPosting, b: SbPosting, f: Filter): number {
  const ka = sortKey(a, f)
  const kb = sortKey(b, f)
  const r = ka < kb ? -1 : ka > kb ? 1 : a.posting_number < b.posting_number ? -1 : a.posting_number > b.posting_number ? 1 : 0
  return f.desc ? -r : r
}

/** Index of the first posting after the cursor (binary search in the sorted list). */
function startAfter(items: SbPosting[], f: Filter, k: string, n: string): number {
  const probe = { [f.key]: k, posting_number: n } as unknown as SbPosting
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (cmp(items[mid]!, probe, f) <= 0) lo = mid + 1
    else hi = mid
  }
  return lo
}

// ---- request reading -------------------------------------------------------------------------------------------

function readWith(b: BodyReader): WithFlags {
  const w = b.object('with')
  return {
    analytics_data: w.bool('analytics_data'),
    barcodes: w.bool('barcodes'),
    financial_data: w.bool('financial_data'),
    legal_info: w.bool('legal_info'),
    product_exemplars: w.bool('product_exemplars'),
    related_postings: w.bool('related_postings'),
  }
}

/** Unfulfilled filter: cutoff pair XOR delivering-date pair (§5.1). */
function unfulfilledFilter(b: BodyReader, plural: boolean, desc: boolean): Filter {
  const f = b.object('filter', { required: true })
  const cutoff = f.has('cutoff_from') || f.has('cutoff_to')
  const delivering = f.has('delivering_date_from') || f.has('delivering_date_to')
  if (cutoff && delivering) throw new ApiError(400, 3, 'the mismatch between cutoff & delivery date')
  if (!cutoff && !delivering) throw new ApiError(400, 3, 'either filter.cutoff or filter.delivering_date must be specified')
  const [fromField, toField] = cutoff ? ['cutoff_from', 'cutoff_to'] : ['delivering_date_from', 'delivering_date_to']
  const from = f.date(fromField, { required: true })
  const to = f.date(toField, { required: true })
  const changed = f.has('last_changed_status_date') ? f.object('last_changed_status_date') : f.object('last_change_status_date')
  return {
    kind: 'unfulfilled',
    key: cutoff ? 'shipment_date' : 'delivering_date',
    from,
    to,
    statuses: plural ? f.strings('statuses') : f.has('status') ? [f.string('status')] : [],
    warehouseIds: f.ids(plural ? 'warehouse_ids' : 'warehouse_id'),
    deliveryMethodIds: f.ids(plural ? 'delivery_method_ids' : 'delivery_method_id'),
    providerIds: f.ids(plural ? 'provider_ids' : 'provider_id'),
    orderNumbers: [],
    changedFrom: changed.date('from'),
    changedTo: changed.date('to'),
    desc,
  }
}

function listFilter(b: BodyReader, message: string, plural: boolean, desc: boolean): Filter {
  const f = b.object('filter', { required: true })
  const since = f.date('since', { required: true })
  const to = f.date('to', { required: true })
  if (Date.parse(to) - Date.parse(since) > 366 * 24 * 3_600_000) throw invalid(message, 'Filter', 'the period must not exceed one year')
  const changed = f.object('last_changed_status_date')
  return {
    kind: 'all',
    key: 'in_process_at',
    from: since,
    to,
    statuses: plural ? f.strings('statuses') : f.has('status') ? [f.string('status')] : [],
    warehouseIds: f.ids(plural ? 'warehouse_ids' : 'warehouse_id'),
    deliveryMethodIds: f.ids(plural ? 'delivery_method_ids' : 'delivery_method_id'),
    providerIds: f.ids(plural ? 'provider_ids' : 'provider_id'),
    orderNumbers: plural ? f.strings('order_numbers') : [],
    changedFrom: changed.date('from'),
    changedTo: changed.date('to'),
    desc,
  }
}

function sortDesc(b: BodyReader, field: string): boolean {
  const v = b.string(field).toUpperCase()
  if (v && v !== 'ASC' && v !== 'DESC') throw invalid(b.message, field === 'dir' ? 'Dir' : 'SortDir', `value must be one of ASC, DESC, got "${v}"`)
  return v === 'DESC'
}

// ---- v4 cursor lists -----------------------------------------------------------------------------------------------

function v4Page(c: Call, message: string, filter: (b: BodyReader, desc: boolean) => Filter, withCount: boolean) {
  const b = new BodyReader(c.body, message)
  const limit = b.int('limit', { required: true, min: 1, max: 100 })
  const desc = sortDesc(b, 'sort_dir')
  const f = filter(b, desc)
  const w = readWith(b)
  const items = matching(c.state, c.acc, f)
  const cur = decodeKeyCursor(b.string('cursor'), message)
  const start = cur ? startAfter(items, f, cur.k, cur.n) : 0
  const page = items.slice(start, start + limit)
  const hasNext = start + limit < items.length
  const last = page[page.length - 1]
  const nowIso = c.now.toISOString()
  const result: Record<string, unknown> = {
    postings: page.map((p) => postingWire(c.acc, p, 'v4-list', w, nowIso)),
    cursor: hasNext && last ? encodeKeyCursor({ k: sortKey(last, f), n: last.posting_number }) : '',
    has_next: hasNext,
  }
  if (withCount) result.count = items.length
  return c.state.variants.listWrapper === 'result' ? { result } : result
}

export const unfulfilledListV4: Route = (c) =>
  v4Page(c, 'PostingFbsUnfulfilledListRequest', (b, desc) => unfulfilledFilter(b, true, desc), true)

export const postingListV4: Route = (c) => v4Page(c, 'PostingFbsListRequest', (b, desc) => listFilter(b, 'PostingFbsListRequest', true, desc), false)

// ---- v3 offset lists -------------------------------------------------------------------------------------------

export const unfulfilledListV3: Route = (c) => {
  const message = 'GetFbsPostingUnfulfilledListRequest'
  const b = new BodyReader(c.body, message)
  const limit = b.int('limit', { required: true, min: 1, max: 1000 })
  const offset = b.int('offset', { min: 0 })
  const f = unfulfilledFilter(b, false, sortDesc(b, 'dir'))
  const items = matching(c.state, c.acc, f)
  const nowIso = c.now.toISOString()
  const w = readWith(b)
  return { result: { postings: items.slice(offset, offset + limit).map((p) => postingWire(c.acc, p, 'v3-list', w, nowIso)), count: items.length } }
}

export const postingListV3: Route = (c) => {
  const message = 'GetFbsPostingListRequest'
  const b = new BodyReader(c.body, message)
  const limit = b.int('limit', { required: true, min: 1, max: 1000 })
  const offset = b.int('offset', { min: 0 })
  const f = listFilter(b, message, false, sortDesc(b, 'dir'))
  const items = matching(c.state, c.acc, f)
  const nowIso = c.now.toISOString()
  const w = readWith(b)
  return { result: { postings: items.slice(offset, offset + limit).map((p) => postingWire(c.acc, p, 'v3-list', w, nowIso)), has_next: offset + limit < items.length } }
}

// ---- one posting ---------------------------------------------------------------------------------------------------

export function findPosting(c: Call, postingNumber: string): SbPosting {
  const p = c.acc.postings[postingNumber]
  if (!p) throw notFound('POSTING_NOT_FOUND')
  return p
}

export function renderPosting(c: Call, p: SbPosting, flavour: WireFlavour, w: WithFlags): Record<string, unknown> {
  return postingWire(c.acc, p, flavour, w, c.now.toISOString())
}

export const getPostingV3: Route = (c) => {
  const b = new BodyReader(c.body, 'GetFbsPostingRequest')
  const p = findPosting(c, b.string('posting_number', { required: true }))
  return { result: renderPosting(c, p, 'v3-get', readWith(b)) }
}

export const getByBarcodeV2: Route = (c) => {
  const b = new BodyReader(c.body, 'GetFbsPostingByBarcodeRequest')
  const code = b.string('barcode', { required: true }).trim()
  const mode = c.state.variants.barcodeLookup
  const p = Object.values(c.acc.postings).find(
    (x) => ((mode === 'both' || mode === 'lower') && x.barcodes.lower_barcode === code) || ((mode === 'both' || mode === 'upper') && x.barcodes.upper_barcode === code),
  )
  if (!p) throw notFound('POSTING_NOT_FOUND')
  return {
    result: {
      posting_number: p.posting_number,
      order_id: p.order_id,
      order_number: p.order_number,
      status: p.status,
      cancel_reason_id: p.cancellation?.cancel_reason_id ?? 0,
      created_at: p.created_at,
      in_process_at: p.in_process_at,
      shipment_date: p.shipment_date,
      barcodes: { ...p.barcodes },
      products: p.products.map((l) => ({ name: l.name, offer_id: l.offer_id, price: l.price.toFixed(4), quantity: l.quantity, sku: l.sku })),
    },
  }
}
