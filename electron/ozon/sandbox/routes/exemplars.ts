// Marking codes ("Честный ЗНАК", §6.5): v6 create-or-get and set, v5 status and validate. Enough to block
// packing until every marked unit has a code that passed the (simulated) check, and to accept them.
import { refused } from '../api-error'
import { BodyReader } from '../body'
import type { SbExemplar, SbPosting } from '../world'
import { findPosting } from './postings'
import type { Call, Route } from './types'

/** 01 + GTIN-14 + 21 + serial (GS-separated crypto tail allowed). The wedge-scanner stand-in for GS is not ours to fix. */
const MARK_RE = /^01\d{14}21[\x21-\x7e]{6,}/
const MARK_TYPES = new Set(['mandatory_mark', 'jw_uin', 'imei'])

export type ExemplarStatus = 'ship_available' | 'ship_not_available' | 'validation_in_process'

function checkPending(c: Call, p: SbPosting): boolean {
  return !!p.exemplars_checked_at && Date.parse(p.exemplars_checked_at) > c.now.getTime()
}

/** Whether the posting may be packed as far as marking codes are concerned. */
export function exemplarState(c: Call, p: SbPosting): ExemplarStatus {
  if (p.mandatory_mark_skus.length === 0) return 'ship_available'
  for (const sku of p.mandatory_mark_skus) {
    const units = p.products.find((l) => l.sku === sku)?.quantity ?? 0
    const list = p.exemplars?.[String(sku)] ?? []
    if (list.length < units) return 'ship_not_available'
    if (list.some((e) => !e.marks.some((m) => m.mark_type === 'mandatory_mark' && m.mark))) return 'ship_not_available'
  }
  if (checkPending(c, p)) return 'validation_in_process'
  const all = Object.values(p.exemplars ?? {}).flat()
  return all.some((e) => e.check === 'failed') ? 'ship_not_available' : 'ship_available'
}

function assertPackaging(c: Call, p: SbPosting): void {
  if (p.status !== 'awaiting_packaging') throw refused(c.state.variants.businessErrorStatus, 'INVALID_POSTING_STATE')
}

/** Makes sure every unit of every marked SKU has an exemplar id. */
function ensureExemplars(c: Call, p: SbPosting): void {
  p.exemplars ??= {}
  for (const l of p.products) {
    if (!p.mandatory_mark_skus.includes(l.sku)) continue
    const list = (p.exemplars[String(l.sku)] ??= [])
    while (list.length < l.quantity)
      list.push({ exemplar_id: String(c.acc.next_id++), gtd: '', is_gtd_absent: false, rnpt: '', is_rnpt_absent: false, marks: [], check: 'pending' })
    if (list.length > l.quantity) list.length = l.quantity
  }
}

const exemplarWire = (e: SbExemplar) => ({
  exemplar_id: Number(e.exemplar_id),
  gtd: e.gtd,
  is_gtd_absent: e.is_gtd_absent,
  rnpt: e.rnpt,
  is_rnpt_absent: e.is_rnpt_absent,
  marks: e.marks.map((m) => ({ ...m })),
})

export const exemplarCreateOrGetV6: Route = (c) => {
  const b = new BodyReader(c.body, 'FbsPostingProductExemplarCreateOrGetV6Request')
  const p = findPosting(c, b.string('posting_number', { required: true }))
  assertPackaging(c, p)
  ensureExemplars(c, p)
  return {
    posting_number: p.posting_number,
    multi_box_qty: p.multi_box_qty,
    products: p.products.map((l) => ({
      product_id: l.sku,
      quantity: l.quantity,
      is_gtd_needed: false,
      is_rnpt_needed: false,
      is_mandatory_mark_needed: p.mandatory_mark_skus.includes(l.sku),
      is_mandatory_mark_possible: p.mandatory_mark_skus.includes(l.sku),
      is_jw_uin_needed: false,
      has_imei: false,
      exemplars: (p.exemplars?.[String(l.sku)] ?? []).map(exemplarWire),
    })),
  }
}

export const exemplarSetV6: Route = (c) => {
  const message = 'FbsPostingProductExemplarSetV6Request'
  const b = new BodyReader(c.body, message)
  const p = findPosting(c, b.string('posting_number', { required: true }))
  assertPackaging(c, p)
  ensureExemplars(c, p)
  const status = c.state.variants.businessErrorStatus
  const products = b.array('products', { required: true })
  // Validate everything before changing anything: the whole set is sent every time (§6.5).
  const updates: { target: SbExemplar; src: BodyReader; marks: { mark: string; mark_type: string }[] }[] = []
  products.forEach((raw, i) => {
    const pr = new BodyReader((raw ?? {}) as Record<string, unknown>, `${message}.Products[${i}]`)
    const sku = pr.int('product_id', { required: true, min: 1 })
    if (!p.products.some((l) => l.sku === sku)) throw refused(status, `PRODUCT_ID ${sku} is not in posting ${p.posting_number}`)
    const list = p.exemplars?.[String(sku)] ?? []
    pr.array('exemplars').forEach((rawEx, j) => {
      const ex = new BodyReader((rawEx ?? {}) as Record<string, unknown>, `${message}.Products[${i}].Exemplars[${j}]`)
      const id = ex.id('exemplar_id', { required: true })
      const target = list.find((e) => e.exemplar_id === id)
      if (!target) throw refused(status, `EXEMPLAR_ID ${id} does not belong to product ${sku}`)
      const marks = ex.array('marks').map((rawMark, k) => {
        const m = new BodyReader((rawMark ?? {}) as Record<string, unknown>, `${message}.Products[${i}].Exemplars[${j}].Marks[${k}]`)
        const mark_type = m.string('mark_type', { required: true })
        if (!MARK_TYPES.has(mark_type)) throw refused(status, `MARK_TYPE ${mark_type} is unknown`)
        return { mark: m.string('mark', { required: true }), mark_type }
      })
      if (marks.some((m) => m.mark_type === 'mandatory_mark') && !p.mandatory_mark_skus.includes(sku)) throw refused(status, 'MANDATORY_MARK_REDUNDANT')
      updates.push({ target, src: ex, marks })
    })
  })
  const seen = new Set<string>()
  for (const u of updates) {
    u.target.gtd = u.src.string('gtd')
    u.target.is_gtd_absent = u.src.bool('is_gtd_absent')
    u.target.rnpt = u.src.string('rnpt')
    u.target.is_rnpt_absent = u.src.bool('is_rnpt_absent')
    u.target.marks = u.marks
    const mark = u.marks.find((m) => m.mark_type === 'mandatory_mark')?.mark ?? ''
    u.target.check = mark && MARK_RE.test(mark) && !seen.has(mark) ? 'passed' : 'failed'
    if (mark) seen.add(mark)
  }
  if (b.has('multi_box_qty')) p.multi_box_qty = b.int('multi_box_qty', { min: 1 })
  p.exemplars_checked_at = new Date(c.now.getTime() + c.state.timings.exemplarCheckDelayMs).toISOString()
  return {}
}

export const exemplarStatusV5: Route = (c) => {
  const b = new BodyReader(c.body, 'FbsPostingProductExemplarStatusV5Request')
  const p = findPosting(c, b.string('posting_number', { required: true }))
  const pending = checkPending(c, p)
  const status = p.status === 'awaiting_packaging' ? exemplarState(c, p) : 'update_not_available'
  return {
    posting_number: p.posting_number,
    status,
    products: p.products.map((l) => ({
      product_id: l.sku,
      exemplars: (p.exemplars?.[String(l.sku)] ?? []).map((e) => ({
        exemplar_id: Number(e.exemplar_id),
        gtd: e.gtd,
        gtd_check_status: e.gtd || e.is_gtd_absent ? 'passed' : 'not_needed',
        gtd_error_codes: [],
        is_gtd_absent: e.is_gtd_absent,
        rnpt: e.rnpt,
        rnpt_check_status: 'not_needed',
        rnpt_error_codes: [],
        is_rnpt_absent: e.is_rnpt_absent,
        marks: e.marks.map((m) => ({
          mark: m.mark,
          mark_type: m.mark_type,
          check_status: pending ? 'processing' : e.check === 'failed' ? 'failed' : 'passed',
          error_codes: !pending && e.check === 'failed' ? ['INVALID_MARK'] : [],
        })),
      })),
    })),
  }
}

export const exemplarValidateV5: Route = (c) => {
  const b = new BodyReader(c.body, 'FbsPostingProductExemplarValidateV5Request')
  const p = findPosting(c, b.string('posting_number', { required: true }))
  return {
    products: b.array('products', { required: true }).map((raw) => {
      const pr = new BodyReader((raw ?? {}) as Record<string, unknown>, 'Product')
      const sku = pr.int('product_id', { required: true })
      const known = p.products.some((l) => l.sku === sku)
      const exemplars = pr.array('exemplars').map((rawEx) => {
        const ex = new BodyReader((rawEx ?? {}) as Record<string, unknown>, 'Exemplar')
        const marks = ex.array('marks').map((rawMark) => {
          const m = new BodyReader((rawMark ?? {}) as Record<string, unknown>, 'Mark')
          const mark = m.string('mark')
          const ok = MARK_RE.test(mark)
          return { mark, mark_type: m.string('mark_type'), valid: ok, errors: ok ? [] : ['INVALID_MARK_FORMAT'] }
        })
        return { valid: marks.every((m) => m.valid), errors: [], gtd: ex.string('gtd'), rnpt: ex.string('rnpt'), marks }
      })
      return { product_id: sku, valid: known && exemplars.every((e) => e.valid), error: known ? '' : 'PRODUCT_NOT_IN_POSTING', exemplars }
    }),
  }
}
