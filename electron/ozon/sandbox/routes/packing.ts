// Packing (§6): ship v4 with splits and asynchronous completion, partial ship/package, multi-box count.
//
// Ship is modelled as Ozon describes it in 2025–26: the 200 answer carries the resulting posting numbers, but the
// packing completes later (shipDelayMs). Until then every posting of the plan has substatus
// `posting_split_pending` (split) and the action `ship_async_in_process`; the original lists the others in
// `related_postings`, so a client whose answer got lost can find the numbers by re-reading it. On success all of
// them turn `awaiting_deliver`; on an injected failure the split is rolled back, the original gets all its
// products back with substatus `ship_failed`, and the numbers handed out are never reused.
import { notFound, refused, type ApiError } from '../api-error'
import { BodyReader } from '../body'
import { labelReadyAt, nextPostingNumber } from '../demo-data'
import { int, rng, subSeed } from '../random'
import { moveTo, type SbAccount, type SbExemplar, type SbLine, type SbPosting } from '../world'
import { exemplarState } from './exemplars'
import { findPosting } from './postings'
import type { Call, Route } from './types'

interface PlanLine {
  sku: number
  quantity: number
}

const PACKED = new Set(['awaiting_registration', 'awaiting_deliver', 'driver_pickup', 'delivering', 'delivered', 'arbitration', 'client_arbitration', 'not_accepted'])

function reject(c: Call, reason: string): ApiError {
  return refused(c.state.variants.businessErrorStatus, reason)
}

/** The status checks every packing method shares. */
function assertPackable(c: Call, p: SbPosting): void {
  if (p.status === 'cancelled' || p.status === 'cancelled_from_split_pending') throw reject(c, 'POSTING_ALREADY_CANCELLED')
  if (PACKED.has(p.status)) throw reject(c, 'POSTING_ALREADY_SHIPPED')
  if (p.status !== 'awaiting_packaging') throw reject(c, 'HAS_INCORRECT_STATUS')
  // A ship already accepted and still being carried out.
  if (p.ship_job) throw reject(c, 'POSTING_ALREADY_SHIPPED')
}

function readLines(b: BodyReader, field: string, message: string): PlanLine[] {
  return b.array(field, { required: true }).map((raw, i) => {
    const r = new BodyReader((raw ?? {}) as Record<string, unknown>, `${message}[${i}]`)
    return { sku: r.int('product_id', { required: true, min: 1 }), quantity: r.int('quantity', { required: true, min: 1 }) }
  })
}

function sumBySku(lines: PlanLine[]): Map<number, number> {
  const m = new Map<number, number>()
  for (const l of lines) m.set(l.sku, (m.get(l.sku) ?? 0) + l.quantity)
  return m
}

/** Marking codes must be in and checked for every unit that needs one (§3, §6.5). */
function assertMarksComplete(c: Call, p: SbPosting): void {
  if (p.mandatory_mark_skus.length === 0) return
  if (exemplarState(c, p) !== 'ship_available') throw reject(c, 'EXEMPLAR_INFO_NOT_FILLED_COMPLETELY')
}

function linesFor(p: SbPosting, plan: PlanLine[]): SbLine[] {
  return [...sumBySku(plan)].map(([sku, quantity]) => {
    const l = p.products.find((x) => x.sku === sku)!
    return { ...l, quantity }
  })
}

/** Moves the exemplars of `lines` from the original's pool (first come, first served per unit). */
function takeExemplars(pool: Record<string, SbExemplar[]> | null, lines: SbLine[]): Record<string, SbExemplar[]> | null {
  if (!pool) return null
  const out: Record<string, SbExemplar[]> = {}
  for (const l of lines) {
    const list = pool[String(l.sku)]
    if (list && list.length > 0) out[String(l.sku)] = list.splice(0, l.quantity)
  }
  return out
}

function child(c: Call, origin: SbPosting, number: string, lines: SbLine[], exemplars: Record<string, SbExemplar[]> | null): SbPosting {
  const r = rng(subSeed(c.acc.seed, `barcodes-${number}`))
  const digits = (n: number) => String(int(r, 10 ** (n - 1), 10 ** n - 1))
  return {
    ...structuredClone(origin),
    posting_number: number,
    parent_posting_number: origin.posting_number,
    products: lines,
    mandatory_mark_skus: origin.mandatory_mark_skus.filter((s) => lines.some((l) => l.sku === s)),
    barcodes: { upper_barcode: `%101%${digits(9)}`, lower_barcode: digits(14) },
    exemplars,
    related_postings: [],
    ship_job: null,
    ship_accepted: 0,
  }
}

export const shipV4: Route = (c) => {
  const message = 'PostingFBSShipV4Request'
  const b = new BodyReader(c.body, message)
  const number = b.string('posting_number', { required: true })
  const packages = b.array('packages', { required: true }).map((raw, i) => readLines(new BodyReader((raw ?? {}) as Record<string, unknown>, `${message}.Packages[${i}]`), 'products', `${message}.Packages[${i}].Products`))
  const withAdditional = b.object('with').bool('additional_data')
  const p = findPosting(c, number)
  assertPackable(c, p)

  // The plan must account for every unit of every SKU, no more, no less (§6.1).
  const want = sumBySku(p.products.map((l) => ({ sku: l.sku, quantity: l.quantity })))
  const got = sumBySku(packages.flat())
  for (const sku of got.keys()) if (!want.has(sku)) throw reject(c, 'UNKNOWN_PRODUCT_DEFINED')
  for (const [sku, q] of want) if (got.get(sku) !== q) throw reject(c, 'HAS_INCORRECT_PRODUCT_QUANTITY')
  assertMarksComplete(c, p)

  const acc = c.acc
  const failKey = acc.ship_failures[number] ? number : acc.ship_failures['*'] ? '*' : null
  const fail = failKey !== null
  if (failKey) {
    acc.ship_failures[failKey]!--
    if (acc.ship_failures[failKey]! <= 0) delete acc.ship_failures[failKey]
  }

  const due = new Date(c.now.getTime() + c.state.timings.shipDelayMs).toISOString()
  const original = structuredClone(p.products)
  const mode = c.state.variants.splitNumbering
  const numbers: string[] =
    packages.length === 1
      ? [number]
      : mode === 'keep-first'
        ? [number, ...packages.slice(1).map(() => nextPostingNumber(acc, p.order_number))]
        : packages.map(() => nextPostingNumber(acc, p.order_number))

  const job = {
    due_at: due,
    numbers,
    original_products: original,
    original_mark_skus: [...p.mandatory_mark_skus],
    original_exemplars: p.exemplars ? structuredClone(p.exemplars) : null,
    origin: number,
    fail,
  }
  p.ship_accepted++
  if (packages.length > 1) {
    const pool = p.exemplars ? structuredClone(p.exemplars) : null
    const childLines = packages.map((pkg) => linesFor(p, pkg))
    numbers.forEach((n, i) => {
      if (n === number) return
      const ch = child(c, p, n, childLines[i]!, takeExemplars(pool, childLines[i]!))
      ch.substatus = 'posting_split_pending'
      ch.ship_job = { ...job, original_products: [], original_mark_skus: [], original_exemplars: null }
      acc.postings[n] = ch
    })
    if (mode === 'keep-first') {
      p.products = childLines[0]!
      p.mandatory_mark_skus = p.mandatory_mark_skus.filter((s) => p.products.some((l) => l.sku === s))
      p.exemplars = takeExemplars(pool, childLines[0]!)
    }
    p.previous_substatus = p.substatus
    p.substatus = 'posting_split_pending'
    p.related_postings = numbers.filter((n) => n !== number)
  }
  p.ship_job = job
  c.state.noteShipDue(acc, Date.parse(due))

  const additional = withAdditional
    ? numbers.map((n) => ({
        posting_number: n,
        products: acc.postings[n]!.products.map((l) => ({ sku: l.sku, offer_id: l.offer_id, name: l.name, quantity: l.quantity, price: l.price.toFixed(4), currency_code: l.currency_code, mandatory_mark: [] as string[] })),
      }))
    : []
  // In all-new mode the original keeps its products until the job ends; additional_data then lists the children.
  if (withAdditional && mode === 'all-new' && packages.length > 1) {
    additional.forEach((a, i) => {
      a.products = linesFor(p, packages[i]!).map((l) => ({ sku: l.sku, offer_id: l.offer_id, name: l.name, quantity: l.quantity, price: l.price.toFixed(4), currency_code: l.currency_code, mandatory_mark: [] }))
    })
  }
  return { result: numbers, additional_data: additional }
}

/** Finishes due asynchronous ships (run before every request). */
export function settleShipJobs(c: Call): void {
  const acc = c.acc
  if (!c.state.shipMaybeDue(acc)) return
  const now = c.now.getTime()
  let next = Infinity
  for (const p of Object.values(acc.postings)) {
    const job = p.ship_job
    if (!job || job.origin !== p.posting_number) continue
    const due = Date.parse(job.due_at)
    if (due > now) {
      next = Math.min(next, due)
      continue
    }
    if (job.fail) failShip(acc, p)
    else completeShip(c, p)
    c.state.touch(acc)
  }
  c.state.setShipDue(acc, next)
}

function completeShip(c: Call, origin: SbPosting): void {
  const acc = c.acc
  const job = origin.ship_job!
  const doneAt = Date.parse(job.due_at)
  const doneIso = new Date(doneAt).toISOString()
  const r = rng(subSeed(acc.seed, `label-${origin.posting_number}-${job.due_at}`))
  for (const n of job.numbers) {
    const p = acc.postings[n]
    if (!p) continue
    moveTo(p, p.tpl_integration_type === 'aggregator' ? 'awaiting_registration' : 'awaiting_deliver', 'posting_transferring_to_delivery', doneIso)
    p.packed_at = doneIso
    p.label_ready_at = labelReadyAt(doneAt, c.state.timings.labelReadyDelayMs, r)
    p.ship_job = null
  }
  if (!job.numbers.includes(origin.posting_number)) {
    // all-new numbering: the original is replaced by its packages.
    moveTo(origin, 'cancelled_from_split_pending', 'posting_canceled', doneIso)
    origin.ship_job = null
  }
}

function failShip(acc: SbAccount, origin: SbPosting): void {
  const job = origin.ship_job!
  for (const n of job.numbers) if (n !== origin.posting_number) delete acc.postings[n]
  origin.products = job.original_products
  origin.mandatory_mark_skus = job.original_mark_skus
  origin.exemplars = job.original_exemplars
  origin.previous_substatus = origin.substatus
  origin.substatus = 'ship_failed'
  origin.related_postings = []
  origin.ship_job = null
}

export const shipPackageV4: Route = (c) => {
  const message = 'PostingFBSShipPackageRequest'
  const b = new BodyReader(c.body, message)
  const number = b.string('posting_number', { required: true })
  const lines = readLines(b, 'products', `${message}.Products`)
  const p = findPosting(c, number)
  assertPackable(c, p)
  const have = sumBySku(p.products.map((l) => ({ sku: l.sku, quantity: l.quantity })))
  const take = sumBySku(lines)
  for (const [sku, q] of take) {
    if (!have.has(sku)) throw reject(c, 'UNKNOWN_PRODUCT_DEFINED')
    if (q > have.get(sku)!) throw reject(c, 'HAS_INCORRECT_PRODUCT_QUANTITY')
  }
  const units = (m: Map<number, number>) => [...m.values()].reduce((a, b) => a + b, 0)
  // Splitting off everything would leave an empty posting: pack the whole posting with ship instead.
  if (units(take) >= units(have)) throw reject(c, 'HAS_INCORRECT_PRODUCT_QUANTITY')
  assertMarksComplete(c, p)

  const acc = c.acc
  const newLines = linesFor(p, lines)
  const pool = p.exemplars
  const n = nextPostingNumber(acc, p.order_number)
  const ch = child(c, p, n, newLines, takeExemplars(pool, newLines))
  p.products = p.products.map((l) => ({ ...l, quantity: l.quantity - (take.get(l.sku) ?? 0) })).filter((l) => l.quantity > 0)
  p.mandatory_mark_skus = p.mandatory_mark_skus.filter((s) => p.products.some((l) => l.sku === s))
  p.related_postings = [...p.related_postings, n]
  if (c.state.variants.shipPackageStatus === 'awaiting_deliver') {
    ch.status = 'awaiting_deliver'
    ch.substatus = 'posting_transferring_to_delivery'
    ch.packed_at = c.now.toISOString()
    ch.label_ready_at = labelReadyAt(c.now.getTime(), c.state.timings.labelReadyDelayMs, rng(subSeed(acc.seed, `label-${n}`)))
    ch.ship_accepted = 1
  }
  ch.last_changed_status_date = c.now.toISOString()
  acc.postings[n] = ch
  return { result: n }
}

export const multiBoxQtySetV3: Route = (c) => {
  const b = new BodyReader(c.body, 'PostingMultiBoxQtySetV3Request')
  const number = b.string('posting_number', { required: true })
  const qty = b.int('multi_box_qty', { required: true, min: 1, max: 1000 })
  const p = c.acc.postings[number]
  if (!p) throw notFound()
  assertPackable(c, p)
  p.multi_box_qty = qty
  return { result: { result: true } }
}
