// The order inbox over the contract: sync from Ozon, the filtered/sorted list in windows (for a virtualised
// list) with facet counts and the summary bar, scanned-code lookup, and the saved view (filters + sort).
import { z } from 'zod'
import { FACETS, InboxQuery, SORT_KEYS } from '../domain/inbox-query'
import { Posting } from '../domain/posting'
import { method } from './define'

// ─── Sync ──────────────────────────────────────────────────────────────────────────────────────────────────

/** reference: warehouses and delivery methods; postings: paging the unfulfilled list; recheck: re-reading postings that left it. */
export const SyncPhase = z.enum(['reference', 'postings', 'recheck', 'done', 'failed'])

export const SyncProgress = z.object({
  phase: SyncPhase,
  accountId: z.string(),
  fetched: z.number().int().nonnegative(),
  /** Ozon's total when it tells one (v4/v3 count); null while unknown. */
  total: z.number().int().nonnegative().nullable(),
  message: z.string().optional(),
})
export type SyncProgress = z.infer<typeof SyncProgress>

/** A posting whose status changed between two syncs. `to` is 'gone' when Ozon no longer knows the posting. */
export const StatusChange = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  from: z.string(),
  to: z.string(),
})
export type StatusChange = z.infer<typeof StatusChange>

/** Why a sync failed, so the UI can say it in the bench's language ("Ozon unreachable"). */
export const SyncFailure = z.enum(['unreachable', 'auth', 'rejected', 'internal'])
export type SyncFailure = z.infer<typeof SyncFailure>

export const SyncResult = z.object({
  ok: z.boolean(),
  startedAt: z.string(),
  finishedAt: z.string(),
  fetched: z.number().int(),
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  /** Set when the sync failed; the last good data stays in place. */
  error: z.string().optional(),
  failure: SyncFailure.optional(),
  /** Status changes this sync saw (cancelled, packed elsewhere, delivered, gone), at most 200. */
  changes: z.array(StatusChange).default([]),
  /** Postings that left the unfulfilled list and were read again one by one to learn their status. */
  rechecked: z.number().int().default(0),
  /** Postings that left the list and wait to be read again (the re-read is bounded per sync). */
  recheckPending: z.number().int().default(0),
  /** The reference data (warehouses, delivery methods) could not be refreshed; the cached copy is used. */
  referenceError: z.string().optional(),
})
export type SyncResult = z.infer<typeof SyncResult>

export const SyncState = z.object({
  running: z.boolean(),
  lastSync: SyncResult.nullable(),
  /** When the postings were last fetched completely: "data from 12:40" after a failed sync. */
  lastGoodSyncAt: z.string().nullable(),
  /** Minutes between background syncs (0: only on demand). */
  intervalMinutes: z.number().int().nonnegative(),
})
export type SyncState = z.infer<typeof SyncState>

// ─── The list ──────────────────────────────────────────────────────────────────────────────────────────────

/** The filters of the inbox (each one also a facet). A facet left out is not filtered, except status. */
export const InboxFilters = InboxQuery.shape.filters.unwrap()
export type InboxFilters = z.output<typeof InboxFilters>

/** What survives a restart: the filters and the sort (the search box does not). */
export const InboxView = z.object({
  filters: InboxFilters,
  sort: z.enum(SORT_KEYS),
  direction: z.enum(['asc', 'desc']).nullable(),
})
export type InboxView = z.infer<typeof InboxView>

export const OrdersListArgs = z.object({
  /** Older callers' status filter; [] = any status. `filters.status` wins when both are given. */
  statuses: z.array(z.string()).optional(),
  filters: InboxFilters.optional(),
  search: z.string().max(200, 'search text is limited to 200 characters').optional(),
  sort: z.enum(SORT_KEYS).optional(),
  direction: z.enum(['asc', 'desc']).optional(),
  /** The window of the sorted result: a virtualised list asks for the rows it is about to show. */
  offset: z.number().int().nonnegative().default(0),
  limit: z.number().int().positive().max(1000).default(200),
})
export type OrdersListArgs = z.input<typeof OrdersListArgs>

export const FacetValueInfo = z.object({
  value: z.string(),
  label: z.string(),
  /** Postings with this value among those passing every other filter and the search ("Склад Север — 42"). */
  count: z.number().int(),
  selected: z.boolean(),
})
export type FacetValueInfo = z.infer<typeof FacetValueInfo>

/** What the core works out per listed posting; the clock-driven text (countdown, tariff step) is the renderer's. */
export const InboxRowInfo = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  /** When Ozon cancels it unless packed: set once the posting is overdue and still awaits packing. */
  cancellationAt: z.string().nullable(),
  /** Money lost by packing after the next tariff step instead of now, in the posting's currency. */
  moneyAtStake: z.number(),
  /** The warehouse's preparation limit for the posting's current stage. */
  preparation: z
    .object({
      stage: z.enum(['packing', 'handover']),
      limitAt: z.string(),
      exceeded: z.boolean(),
      sinceApproximate: z.boolean(),
    })
    .nullable(),
  /** When it moved past packaging: from this station's ship journal, or when a sync first saw it packed. */
  packedAt: z.string().nullable(),
})
export type InboxRowInfo = z.infer<typeof InboxRowInfo>

export const InboxSummaryInfo = z.object({
  dueWithinHour: z.number().int(),
  overdue: z.number().int(),
  atCancellationRisk: z.number().int(),
  packedToday: z.number().int(),
})
export type InboxSummaryInfo = z.infer<typeof InboxSummaryInfo>

export const OrdersList = z.object({
  /** Postings matching the query, all of them (the window is `postings`). */
  total: z.number().int(),
  /** The requested window of the sorted result. */
  postings: z.array(Posting),
  /** Per posting of `postings`, in the same order. */
  rows: z.array(InboxRowInfo),
  lastSync: SyncResult.nullable(),
  sync: SyncState,
  /** The station's clock when it answered (the renderer counts down from it; rows may be a few seconds older). */
  now: z.string(),
  /** IANA zone deadlines are judged and shown in (the bench's warehouse). */
  timeZone: z.string(),
  /** The query as applied, defaults filled in. */
  query: z.object({ filters: InboxFilters, search: z.string(), sort: z.enum(SORT_KEYS), direction: z.enum(['asc', 'desc']) }),
  facets: z.record(z.enum(FACETS), z.array(FacetValueInfo)),
  summary: InboxSummaryInfo,
  /** Postings with data the station could not read (e.g. a broken ship-by time), listed last. */
  problems: z.number().int(),
})
export type OrdersList = z.infer<typeof OrdersList>

// ─── A scanned or typed code ──────────────────────────────────────────────────────────────────────────────

export const FoundPosting = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  orderNumber: z.string(),
  status: z.string(),
})
export type FoundPosting = z.infer<typeof FoundPosting>

export const FindResult = z.object({
  /** What was looked up, as normalised (spaces removed). */
  code: z.string(),
  /** inbox: the station's own data; ozon: resolved through get-by-barcode / a fresh read (then stored). */
  source: z.enum(['inbox', 'ozon']),
  /** Every posting the code stands for (an order number can stand for several). */
  postings: z.array(FoundPosting).min(1),
})
export type FindResult = z.infer<typeof FindResult>

// ─── Methods and events ───────────────────────────────────────────────────────────────────────────────────

export const ordersMethods = {
  'orders.sync': method('Fetch unfulfilled postings and reference data from Ozon now (joins a sync in progress).', z.object({}), SyncResult),
  'orders.list': method(
    'The inbox: postings filtered, searched and sorted (default: awaiting packaging, least time left first), one window at a time, with counts per filter value and the summary bar.',
    OrdersListArgs,
    OrdersList,
  ),
  'orders.get': method('One posting by its number.', z.object({ postingNumber: z.string().trim().min(1) }), Posting),
  'orders.find': method(
    'A scanned or typed code → the posting(s) it stands for: posting number, order number, or a barcode of an Ozon label (asked from Ozon when not in the inbox).',
    z.object({ code: z.string().trim().min(1, 'scan or type a code').max(200) }),
    FindResult,
  ),
  'orders.view': method('The saved inbox filters and sort.', z.object({}), InboxView),
  'orders.setView': method(
    'Save the inbox filters and/or sort; they survive a restart.',
    z.object({ filters: InboxFilters.optional(), sort: z.enum(SORT_KEYS).optional(), direction: z.enum(['asc', 'desc']).nullable().optional() }),
    InboxView,
  ),
  'orders.syncState': method('Whether a sync is running, how the last one went and when the data was last complete.', z.object({}), SyncState),
}

export const OrdersChanged = z.object({
  /** What changed the inbox: a sync, packing at this bench, a settings change (calendar, time zone), an account. */
  reason: z.enum(['sync', 'packing', 'settings', 'accounts', 'other']),
})

export const ordersEvents = {
  'sync.progress': SyncProgress,
  /** The inbox data changed: lists on screen should ask again. */
  'orders.changed': OrdersChanged,
}
