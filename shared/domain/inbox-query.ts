// The inbox list as pure data: filters that combine, a search box, counts per filter value, sorting and the
// summary bar, over up to tens of thousands of postings. Everything that does not depend on the query or the
// clock is computed once per data change in `buildInboxIndex` (inbox-index.ts); `queryInbox` runs on every
// keystroke and on every tick of the clock.
import { z } from 'zod'
import type { Urgency } from './deadlines'
import { FACETS, NO_DAY, NO_TIME, stakeAt, type FacetName, type InboxEntry, type InboxIndex } from './inbox-index'
import { haystackMatches, parseSearch } from './search-text'
import { localDayOf, toMs } from './time-zone'

export {
  FACETS,
  buildInboxIndex,
  findByScannedCode,
  integrationGroupOf,
  type FacetName,
  type InboxEntry,
  type InboxIndex,
  type InboxIndexOptions,
  type IntegrationGroup,
} from './inbox-index'

// ─── The query ──────────────────────────────────────────────────────────────────────────────────────────

export const DEFAULT_STATUSES: readonly string[] = ['awaiting_packaging']

export const SORT_KEYS = ['timeLeft', 'moneyAtStake', 'orderDate'] as const
export type SortKey = (typeof SORT_KEYS)[number]

/**
 * Natural direction of each sort: least time left first; most money at stake first; oldest order first (it
 * has waited longest).
 */
export const DEFAULT_DIRECTION: Record<SortKey, 'asc' | 'desc'> = { timeLeft: 'asc', moneyAtStake: 'desc', orderDate: 'asc' }

const FacetFilter = z.array(z.union([z.string(), z.number().transform(String)])).optional()

/**
 * The query, as the UI holds it and settings persist it. A facet left out is not filtered, except `status`,
 * which defaults to awaiting packaging; an empty list means "any value".
 */
export const InboxQuery = z.object({
  filters: z
    .object({
      warehouse: FacetFilter,
      carrier: FacetFilter,
      deliveryMethod: FacetFilter,
      status: FacetFilter,
      integration: z.array(z.enum(['ozon', '3pl_tracking', 'non_integrated', 'other'])).optional(),
      account: FacetFilter,
    })
    .strict()
    .default({}),
  search: z.string().max(200, 'search text is limited to 200 characters').default(''),
  sort: z.enum(SORT_KEYS).default('timeLeft'),
  direction: z.enum(['asc', 'desc']).optional(),
})
export type InboxQueryInput = z.input<typeof InboxQuery>
export type InboxQuery = z.output<typeof InboxQuery>

/** Reads a query (from the UI or saved settings); a bad one is refused naming the field and what it takes. */
export function parseInboxQuery(raw: unknown): InboxQuery {
  const r = InboxQuery.safeParse(raw ?? {})
  if (r.success) return r.data
  const issue = r.error.issues[0]
  throw new Error(`Inbox query: ${issue?.path.join('.') || 'query'} — ${issue?.message ?? 'invalid'}.`)
}

// ─── Results ───────────────────────────────────────────────────────────────────────────────────────────────

export interface InboxRow {
  readonly entry: InboxEntry
  /** Signed ms until the ship-by time (≤ 0: overdue). */
  readonly msLeft: number
  /** null when the posting no longer awaits packing (or its ship-by time is unreadable). */
  readonly urgency: Urgency | null
  /** Money at stake now (see tariff.ts); 0 once packed. */
  readonly moneyAtStake: number
}

export interface FacetValue {
  value: string
  label: string
  /** Postings with this value among those passing every *other* filter and the search. */
  count: number
  selected: boolean
}

/**
 * The summary bar, over the postings the warehouse / carrier / delivery-method / integration / account
 * filters let through. Status and search are ignored, or "packed today" could never show next to the default
 * status filter.
 */
export interface InboxSummary {
  /** Awaiting packing, due within the next hour. */
  dueWithinHour: number
  /** Awaiting packing, past the ship-by time. */
  overdue: number
  /** Overdue, and Ozon cancels them by the end of today (local) unless they are packed. */
  atCancellationRisk: number
  /** Moved past packaging today: by the station's journal when given, otherwise packed postings due today. */
  packedToday: number
}

export interface InboxResult {
  now: number
  rows: InboxRow[]
  total: number
  facets: Record<FacetName, FacetValue[]>
  summary: InboxSummary
}

const HOUR = 3_600_000
const STATUS_FACET = FACETS.indexOf('status')

/** Runs one query over the index at `now` (by default, the time the index was built). */
export function queryInbox(index: InboxIndex, input: InboxQueryInput | InboxQuery = {}, now?: Date | number): InboxResult {
  const query = parseInboxQuery(input)
  const nowMs = now === undefined ? index.builtAt : toMs(now, 'now')
  const col = index.columns
  const n = index.entries.length
  const today = Int32Array.from(index.zones, (tz) => localDayOf(nowMs, tz))

  // Each facet's filter as a lookup by value id (null: not filtered). Selected values the index does not know
  // are kept aside so the UI can still show, and clear, them.
  const masks: (Uint8Array | null)[] = []
  const unknownSelected: string[][] = []
  FACETS.forEach((name, f) => {
    const dict = index.facets[f]!
    const selected = name === 'status' ? (query.filters.status ?? DEFAULT_STATUSES) : query.filters[name]
    unknownSelected.push([])
    if (!selected || selected.length === 0) return void masks.push(null)
    const mask = new Uint8Array(dict.values.length)
    for (const v of selected) {
      const id = dict.idOf.get(v)
      if (id === undefined) unknownSelected[f]!.push(v)
      else mask[id] = 1
    }
    masks.push(mask)
  })

  const needle = parseSearch(query.search)
  const counts = index.facets.map((d) => new Int32Array(d.values.length))
  const matched = new Uint8Array(n)
  const summary: InboxSummary = { dueWithinHour: 0, overdue: 0, atCancellationRisk: 0, packedToday: 0 }

  for (let i = 0; i < n; i++) {
    // Which filters reject this posting: none → a result; exactly one → it still counts for that facet,
    // which is how "Склад Юг — 12" can show while "Склад Север" is selected.
    let failed = 0
    let failedFacet = -1
    let scopeFailed = false
    for (let f = 0; f < masks.length; f++) {
      const mask = masks[f]
      if (mask && mask[col.facet[f]![i]!] === 0) {
        failed++
        failedFacet = f
        if (f !== STATUS_FACET) scopeFailed = true
      }
    }
    if (!scopeFailed) countForSummary(summary, index, i, nowMs, today[col.zone[i]!]!)
    if (failed > 1) continue
    if (needle && !haystackMatches(index.entries[i]!.searchText, needle)) continue
    if (failed === 0) {
      matched[i] = 1
      for (let f = 0; f < counts.length; f++) counts[f]![col.facet[f]![i]!]!++
    } else {
      counts[failedFacet]![col.facet[failedFacet]![i]!]!++
    }
  }

  const rows = sortedRows(index, query, matched, nowMs, today)
  const facets = {} as Record<FacetName, FacetValue[]>
  FACETS.forEach((name, f) => {
    const dict = index.facets[f]!
    const mask = masks[f]
    facets[name] = dict.values.map((value, id) => ({ value, label: dict.labels[id]!, count: counts[f]![id]!, selected: mask?.[id] === 1 }))
    for (const value of unknownSelected[f]!) facets[name].push({ value, label: value, count: 0, selected: true })
  })
  return { now: nowMs, rows, total: rows.length, facets, summary }
}

function countForSummary(s: InboxSummary, index: InboxIndex, i: number, nowMs: number, today: number): void {
  const col = index.columns
  if (col.open[i] === 1) {
    if (col.shipAt[i] === NO_TIME) return
    const left = col.shipAt[i]! - nowMs
    if (left <= 0) {
      s.overdue++
      if (col.cancellationDay[i] !== NO_DAY && col.cancellationDay[i]! <= today) s.atCancellationRisk++
    } else if (left <= HOUR) {
      s.dueWithinHour++
    }
  } else if (col.packedDay[i] === today) {
    s.packedToday++
  }
}

function rowOf(index: InboxIndex, i: number, nowMs: number, today: Int32Array): InboxRow {
  const col = index.columns
  const shipAt = col.shipAt[i]!
  const msLeft = shipAt - nowMs
  let urgency: Urgency | null = null
  if (col.open[i] === 1 && shipAt !== NO_TIME) {
    urgency = msLeft <= 0 ? 'overdue' : msLeft <= HOUR ? 'within_hour' : col.shipDay[i] === today[col.zone[i]!] ? 'today' : 'later'
  }
  return { entry: index.entries[i]!, msLeft, urgency, moneyAtStake: stakeAt(col, i, nowMs) }
}

function sortedRows(index: InboxIndex, query: InboxQuery, matched: Uint8Array, nowMs: number, today: Int32Array): InboxRow[] {
  const direction = query.direction ?? DEFAULT_DIRECTION[query.sort]
  const rows: InboxRow[] = []
  const walk = query.sort === 'moneyAtStake' ? index.order.timeLeft.asc : index.order[query.sort][direction]
  for (const i of walk) if (matched[i] === 1) rows.push(rowOf(index, i, nowMs, today))
  if (query.sort === 'moneyAtStake') {
    // Money changes with the clock, so this order is made per query. Array sort is stable: equal amounts
    // keep the time-left order they were collected in.
    const sign = direction === 'desc' ? -1 : 1
    rows.sort((a, b) => sign * (a.moneyAtStake - b.moneyAtStake))
  }
  return rows
}
