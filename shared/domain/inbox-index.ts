// The inbox index: everything about the postings that does not depend on the query or the clock, computed
// once per data change (a sync, a status change) so that `queryInbox` stays cheap on every keystroke even
// for 10,000 postings. Hot per-posting numbers live in typed arrays (columns); `entries` keep the readable
// per-posting view the list rows show.
import { createWorkingCalendar, endOfLocalDayNumber, nextBusinessDayNumber, type WorkingCalendar } from './calendar'
import { awaitsPacking, isPastPacking } from './deadlines'
import type { IntegrationType, Posting } from './posting'
import { FIELD_SEPARATOR, normalizeForSearch } from './search-text'
import { stakeTimeline } from './tariff'
import { localDayOf, toMs, type DayNumber } from './time-zone'

/** Every filter the inbox has; each one is also a facet with counts per value. */
export const FACETS = ['warehouse', 'carrier', 'deliveryMethod', 'status', 'integration', 'account'] as const
export type FacetName = (typeof FACETS)[number]

/** Integration types as the packer chooses them; rarer schemes (aggregator, hybryd, new ones) are 'other'. */
export type IntegrationGroup = 'ozon' | '3pl_tracking' | 'non_integrated' | 'other'
const NAMED_GROUPS: readonly string[] = ['ozon', '3pl_tracking', 'non_integrated']

export function integrationGroupOf(type: IntegrationType): IntegrationGroup {
  return NAMED_GROUPS.includes(type) ? (type as IntegrationGroup) : 'other'
}

/** How to read each facet's value and label off a posting, in FACETS order (ids as strings throughout). */
const FACET_READERS: readonly { value: (p: Posting) => string; label: (p: Posting) => string }[] = [
  { value: (p) => p.warehouse.id, label: (p) => p.warehouse.name },
  { value: (p) => String(p.carrier.id), label: (p) => p.carrier.name },
  { value: (p) => p.deliveryMethod.id, label: (p) => p.deliveryMethod.name },
  { value: (p) => p.status, label: (p) => p.status },
  { value: (p) => integrationGroupOf(p.integrationType), label: (p) => integrationGroupOf(p.integrationType) },
  { value: (p) => p.accountId, label: (p) => p.accountId },
]

/** One posting with what the list shows precomputed. */
export interface InboxEntry {
  readonly posting: Posting
  /** `shipmentDate` in ms; an unreadable one becomes NO_TIME (sorted last, listed in `problems`). */
  readonly shipAt: number
  /** `inProcessAt` (order date) in ms, or NO_TIME. */
  readonly orderAt: number
  /** The warehouse zone this posting is judged in. */
  readonly timeZone: string
  /** Still awaits packing: its clock runs. */
  readonly open: boolean
  /** When Ozon cancels it once overdue and still unpacked; null when it no longer awaits packing. */
  readonly cancellationAt: number | null
  /** Normalised search fields joined by FIELD_SEPARATOR. */
  readonly searchText: string
}

export const NO_TIME = Number.MAX_SAFE_INTEGER
/** "No day" in the Int32 day columns. */
export const NO_DAY = -2_147_483_648

/** Per-posting numbers the query loop reads, by entry position. */
export interface InboxColumns {
  shipAt: Float64Array
  open: Uint8Array
  shipDay: Int32Array
  cancellationDay: Int32Array
  packedDay: Int32Array
  /** Position of the entry's zone in `zones`. */
  zone: Uint16Array
  /** Value id per facet (FACETS order) per entry. */
  facet: Int32Array[]
  /**
   * Money at stake over time, flattened: entry i's segments are stakeFrom[i]..stakeFrom[i+1]-1; segment k
   * lasts until stakeUntil[k] (Infinity: for ever) with stakeAmount[k] at stake.
   */
  stakeFrom: Int32Array
  stakeUntil: Float64Array
  stakeAmount: Float64Array
}

export interface FacetDictionary {
  /** Facet values ordered by label; a value's id is its position. */
  values: string[]
  labels: string[]
  idOf: Map<string, number>
}

export interface InboxProblem {
  postingNumber: string
  message: string
}

export interface InboxIndex {
  readonly builtAt: number
  readonly entries: readonly InboxEntry[]
  readonly problems: readonly InboxProblem[]
  readonly columns: InboxColumns
  readonly zones: readonly string[]
  readonly facets: readonly FacetDictionary[]
  /** Entry positions in each precomputed order; ties by posting number, then input order (stable). */
  readonly order: Readonly<Record<'timeLeft' | 'orderDate', Record<'asc' | 'desc', Int32Array>>>
}

export interface InboxIndexOptions {
  /** The warehouse calendar (time zone + overrides); Moscow with no overrides when left out. */
  calendar?: WorkingCalendar
  /** A calendar per posting, for stations whose warehouses sit in different zones. Wins over `calendar`. */
  calendarFor?: (posting: Posting) => WorkingCalendar
  /**
   * When the station packed a posting (ISO UTC), from its operation journal. The Posting model carries no
   * packing time, so without it "packed today" falls back to: past packaging and due (shipmentDate) today.
   */
  packedAt?: (posting: Posting) => string | null | undefined
}

/** The text the search box looks through: posting and order numbers, offer ids, SKUs and product names. */
function searchTextOf(p: Posting): string {
  // The separator survives normalisation and nothing composes across it, so fields can be normalised apart.
  let text = normalizeForSearch(p.postingNumber + FIELD_SEPARATOR + p.orderNumber)
  for (const item of p.items) text += FIELD_SEPARATOR + normalizedItem(item.offerId, item.sku, item.name)
  return text
}

/**
 * A shop sells its catalogue over and over, so the same product lines recur across thousands of postings:
 * each is normalised once (names with «», №, × and the like take the slow NFKC path). Bounded, so a
 * long-running station with a changing catalogue does not grow it for ever.
 */
const normalizedItems = new Map<string, string>()
function normalizedItem(offerId: string, sku: number, name: string): string {
  const raw = offerId + FIELD_SEPARATOR + sku + FIELD_SEPARATOR + name
  let normalized = normalizedItems.get(raw)
  if (normalized === undefined) {
    if (normalizedItems.size >= 50_000) normalizedItems.clear()
    normalized = normalizeForSearch(raw)
    normalizedItems.set(raw, normalized)
  }
  return normalized
}

export function normalizeScannedCode(code: string): string {
  return code.replace(/\s+/g, '').toLowerCase()
}

/** Builds the index once per data change; query it as often as the UI likes. `now` is the query default. */
export function buildInboxIndex(postings: readonly Posting[], now: Date | number, options: InboxIndexOptions = {}): InboxIndex {
  const builtAt = toMs(now, 'now')
  const n = postings.length
  const defaultCalendar = options.calendar ?? createWorkingCalendar()
  const problems: InboxProblem[] = []
  const zones: string[] = []
  const zoneOf = new Map<string, number>()
  // Cancellation times repeat for postings due the same day: one computation per (calendar, day).
  const cancelCache = new Map<WorkingCalendar, Map<DayNumber, number>>()

  const columns: InboxColumns = {
    shipAt: new Float64Array(n),
    open: new Uint8Array(n),
    shipDay: new Int32Array(n),
    cancellationDay: new Int32Array(n).fill(NO_DAY),
    packedDay: new Int32Array(n).fill(NO_DAY),
    zone: new Uint16Array(n),
    facet: FACETS.map(() => new Int32Array(n)),
    stakeFrom: new Int32Array(n + 1),
    stakeUntil: new Float64Array(0),
    stakeAmount: new Float64Array(0),
  }
  const stakeUntil: number[] = []
  const stakeAmount: number[] = []

  const entries: InboxEntry[] = new Array(n)
  for (let i = 0; i < n; i++) {
    const p = postings[i]!
    const cal = options.calendarFor?.(p) ?? defaultCalendar
    const tz = cal.timeZone
    let zone = zoneOf.get(tz)
    if (zone === undefined) {
      zone = zones.push(tz) - 1
      zoneOf.set(tz, zone)
    }

    let shipAt = Date.parse(p.shipmentDate)
    if (!Number.isFinite(shipAt)) {
      problems.push({ postingNumber: p.postingNumber, message: `shipmentDate "${p.shipmentDate}" is not a valid time; sync the posting again.` })
      shipAt = NO_TIME
    }
    const orderAt = Date.parse(p.inProcessAt)
    const shipDay = shipAt === NO_TIME ? NO_DAY : localDayOf(shipAt, tz)
    const open = awaitsPacking(p.status)

    let cancellationAt: number | null = null
    if (open && shipAt !== NO_TIME) {
      let perCal = cancelCache.get(cal)
      if (!perCal) cancelCache.set(cal, (perCal = new Map()))
      cancellationAt = perCal.get(shipDay) ?? null
      if (cancellationAt === null) {
        cancellationAt = endOfLocalDayNumber(nextBusinessDayNumber(shipDay, cal), cal)
        perCal.set(shipDay, cancellationAt)
      }
      columns.cancellationDay[i] = localDayOf(cancellationAt, tz)
    }

    if (isPastPacking(p.status)) {
      const journal = options.packedAt?.(p)
      const journalMs = journal ? Date.parse(journal) : NaN
      if (Number.isFinite(journalMs)) columns.packedDay[i] = localDayOf(journalMs, tz)
      else columns.packedDay[i] = shipDay
    }

    // Money at stake only changes when a tariff step ends: keep it per step rather than recompute per query.
    if (open && p.tariffSteps.length > 0) {
      try {
        const timeline = stakeTimeline(p)
        stakeUntil.push(...timeline.until)
        stakeAmount.push(...timeline.stake)
      } catch (err) {
        problems.push({ postingNumber: p.postingNumber, message: `${(err as Error).message} Money at stake is shown as 0.` })
      }
    }
    columns.stakeFrom[i + 1] = stakeUntil.length

    columns.shipAt[i] = shipAt
    columns.open[i] = open ? 1 : 0
    columns.shipDay[i] = shipDay
    columns.zone[i] = zone
    entries[i] = {
      posting: p,
      shipAt,
      orderAt: Number.isFinite(orderAt) ? orderAt : NO_TIME,
      timeZone: tz,
      open,
      cancellationAt,
      searchText: searchTextOf(p),
    }
  }
  columns.stakeUntil = Float64Array.from(stakeUntil)
  columns.stakeAmount = Float64Array.from(stakeAmount)

  const facets = buildFacetDictionaries(postings, columns)
  return { builtAt, entries, problems, columns, zones, facets, order: buildOrders(entries) }
}

function buildFacetDictionaries(postings: readonly Posting[], columns: InboxColumns): FacetDictionary[] {
  return FACET_READERS.map((read, f) => {
    // Ids in first-seen order while scanning, then renumbered so that ids follow the labels' order.
    const seen = new Map<string, number>()
    const labels: string[] = []
    const ids = columns.facet[f]!
    for (let i = 0; i < postings.length; i++) {
      const value = read.value(postings[i]!)
      let id = seen.get(value)
      if (id === undefined) {
        id = seen.size
        seen.set(value, id)
        labels.push(read.label(postings[i]!))
      }
      ids[i] = id
    }
    const firstSeen = [...seen.keys()]
    const byLabel = firstSeen
      .map((_, id) => id)
      .sort((a, b) => labels[a]!.localeCompare(labels[b]!, 'ru') || (firstSeen[a]! < firstSeen[b]! ? -1 : 1))
    const renumber = new Int32Array(byLabel.length)
    byLabel.forEach((oldId, newId) => (renumber[oldId] = newId))
    for (let i = 0; i < ids.length; i++) ids[i] = renumber[ids[i]!]!
    const values = byLabel.map((id) => firstSeen[id]!)
    return { values, labels: byLabel.map((id) => labels[id]!), idOf: new Map(values.map((v, id) => [v, id])) }
  })
}

function buildOrders(entries: readonly InboxEntry[]): InboxIndex['order'] {
  // Rank of each posting number once, so the comparators below compare numbers only.
  const byNumber = Int32Array.from(entries.keys()).sort((a, b) => {
    const x = entries[a]!.posting.postingNumber
    const y = entries[b]!.posting.postingNumber
    return x < y ? -1 : x > y ? 1 : a - b
  })
  const numberRank = new Int32Array(entries.length)
  byNumber.forEach((entry, rank) => (numberRank[entry] = rank))
  const ascending = (key: Float64Array) => Int32Array.from(entries.keys()).sort((a, b) => key[a]! - key[b]! || numberRank[a]! - numberRank[b]!)
  const ship = ascending(Float64Array.from(entries, (e) => e.shipAt))
  const ordered = ascending(Float64Array.from(entries, (e) => e.orderAt))
  return {
    timeLeft: { asc: ship, desc: descending(ship, (i) => entries[i]!.shipAt) },
    orderDate: { asc: ordered, desc: descending(ordered, (i) => entries[i]!.orderAt) },
  }
}

/** The ascending order backwards, except that equal keys keep their (posting number) order: no second sort. */
function descending(asc: Int32Array, key: (i: number) => number): Int32Array {
  const out = new Int32Array(asc.length)
  let w = 0
  for (let end = asc.length; end > 0; ) {
    let start = end - 1
    while (start > 0 && key(asc[start - 1]!) === key(asc[end - 1]!)) start--
    out.set(asc.subarray(start, end), w)
    w += end - start
    end = start
  }
  return out
}

function buildCodeLookup(entries: readonly InboxEntry[]): Map<string, InboxEntry[]> {
  const byCode = new Map<string, InboxEntry[]>()
  const add = (code: string, e: InboxEntry) => {
    const key = normalizeScannedCode(code)
    if (!key) return
    const list = byCode.get(key)
    if (!list) byCode.set(key, [e])
    else if (!list.includes(e)) list.push(e)
  }
  for (const e of entries) {
    add(e.posting.postingNumber, e)
    add(e.posting.orderNumber, e)
    if (e.posting.labelBarcodes) {
      add(e.posting.labelBarcodes.upper, e)
      add(e.posting.labelBarcodes.lower, e)
    }
  }
  return byCode
}

/**
 * Postings a scanned or typed code points at: a posting number, an order number (all its postings) or a
 * barcode from Ozon's label. Empty when the code is not in the index (the caller then asks Ozon).
 */
export function findByScannedCode(index: InboxIndex, code: string): readonly InboxEntry[] {
  let byCode = codeLookups.get(index)
  if (!byCode) codeLookups.set(index, (byCode = buildCodeLookup(index.entries)))
  return byCode.get(normalizeScannedCode(code)) ?? []
}

/** Built on the first scan rather than with the index: scans are rare next to rebuilds. */
const codeLookups = new WeakMap<InboxIndex, Map<string, InboxEntry[]>>()

/** Money at stake for entry `i` at `nowMs`, from the precomputed step segments. */
export function stakeAt(columns: InboxColumns, i: number, nowMs: number): number {
  for (let k = columns.stakeFrom[i]!, end = columns.stakeFrom[i + 1]!; k < end; k++) {
    if (columns.stakeUntil[k]! > nowMs) return columns.stakeAmount[k]!
  }
  return 0
}
