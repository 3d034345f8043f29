// How one account's complete, fresh unfulfilled list is folded into the orders document: new postings are
// added, changed ones replaced, status changes recorded, and postings that left the list are set aside to be
// read again one by one (never silently dropped: a posting leaves the list when it is delivered, when Ozon
// forgets it, or when its ship-by time falls outside the window the station asks for).
import type { StatusChange } from '../../../shared/contract'
import { awaitsPacking } from '../../../shared/domain/deadlines'
import type { Posting } from '../../../shared/domain/posting'
import { UNFULFILLED_LIST_STATUSES } from '../../../shared/domain/unfulfilled-list'
import { postingKey, type OrdersData } from './document'

/** A posting re-read in a status the list returns (outside our window) is read again after this long. */
const REREAD_AGAIN_AFTER_MS = 60 * 60 * 1000
/** Settled postings (delivered, gone from the list for good) stay visible this long, then leave the store. */
const KEEP_SETTLED_MS = 7 * 24 * 60 * 60 * 1000

interface MergeCounts {
  added: number
  updated: number
  removed: number
}

export class ChangeLog {
  readonly counts: MergeCounts = { added: 0, updated: 0, removed: 0 }
  readonly changes: StatusChange[] = []
  /** The station's own records changed (a posting set aside for a re-read, bookkeeping pruned). */
  bookkeeping = 0

  /** Anything beyond fetch times changed: worth writing to disk. */
  get any(): boolean {
    return this.counts.added + this.counts.updated + this.counts.removed + this.changes.length + this.bookkeeping > 0
  }

  statusChanged(change: StatusChange): void {
    this.changes.push(change)
  }
}

/**
 * Postings of `accountId` that the complete list `listed` no longer holds and that are due to be read again,
 * oldest check first. Read-only: the sync reads them from Ozon before it changes the document.
 */
export function postingsToReread(data: OrdersData, accountId: string, listed: ReadonlySet<string>, nowMs: number): string[] {
  const due: { key: string; checked: number }[] = []
  for (const [key, p] of Object.entries(data.postings)) {
    if (p.accountId !== accountId || listed.has(key)) continue
    const u = data.unlisted[key]
    if (u?.settled) continue
    const checked = u?.checkedAt ? Date.parse(u.checkedAt) : 0
    if (checked && nowMs - checked < REREAD_AGAIN_AFTER_MS) continue
    due.push({ key, checked })
  }
  return due.sort((a, b) => a.checked - b.checked || (a.key < b.key ? -1 : 1)).map((d) => d.key)
}

/** Folds the complete fresh list of one account into the document. */
export function mergeListed(data: OrdersData, accountId: string, fresh: readonly Posting[], nowIso: string, log: ChangeLog): void {
  const listed = new Set<string>()
  for (const p of fresh) {
    const key = postingKey(accountId, p.postingNumber)
    listed.add(key)
    putPosting(data, key, p, nowIso, log)
    delete data.unlisted[key]
  }
  for (const [key, p] of Object.entries(data.postings)) {
    if (p.accountId === accountId && !listed.has(key) && !data.unlisted[key]) {
      data.unlisted[key] = { since: nowIso, checkedAt: null, settled: false }
      log.bookkeeping++
    }
  }
}

/** The outcome of reading one unlisted posting again: its current state, or 'gone' when Ozon does not know it. */
export function applyReread(data: OrdersData, key: string, fresh: Posting | 'gone', nowIso: string, log: ChangeLog): void {
  const old = data.postings[key]
  if (!old) return
  if (fresh === 'gone') {
    log.statusChanged({ accountId: old.accountId, postingNumber: old.postingNumber, from: old.status, to: 'gone' })
    forget(data, key)
    log.counts.removed++
    return
  }
  putPosting(data, key, fresh, nowIso, log)
  log.bookkeeping++
  const since = data.unlisted[key]?.since ?? nowIso
  data.unlisted[key] = { since, checkedAt: nowIso, settled: !UNFULFILLED_LIST_STATUSES.has(fresh.status) }
}

/** Drops settled postings kept long enough, and bookkeeping left behind by postings deleted elsewhere. */
export function pruneSettled(data: OrdersData, nowMs: number, log: ChangeLog): void {
  for (const [key, u] of Object.entries(data.unlisted)) {
    if (!data.postings[key]) {
      delete data.unlisted[key]
      log.bookkeeping++
    } else if (u.settled && nowMs - Date.parse(u.since) > KEEP_SETTLED_MS) {
      forget(data, key)
      log.counts.removed++
    }
  }
  for (const key of Object.keys(data.leftPackingAt)) {
    if (!data.postings[key]) {
      delete data.leftPackingAt[key]
      log.bookkeeping++
    }
  }
}

function putPosting(data: OrdersData, key: string, p: Posting, nowIso: string, log: ChangeLog): void {
  const old = data.postings[key]
  if (!old) log.counts.added++
  else if (changed(old, p)) log.counts.updated++
  if (old && old.status !== p.status) {
    log.statusChanged({ accountId: p.accountId, postingNumber: p.postingNumber, from: old.status, to: p.status })
    if (awaitsPacking(old.status) && !awaitsPacking(p.status) && !data.leftPackingAt[key]) data.leftPackingAt[key] = nowIso
  }
  data.postings[key] = p
}

function forget(data: OrdersData, key: string): void {
  delete data.postings[key]
  delete data.unlisted[key]
  delete data.leftPackingAt[key]
}

/** Whether Ozon's data for the posting changed (when it was fetched does not count). */
function changed(a: Posting, b: Posting): boolean {
  for (const key of Object.keys(b) as (keyof Posting)[]) {
    if (key !== 'syncedAt' && !sameJson(a[key], b[key])) return true
  }
  return Object.keys(a).length !== Object.keys(b).length
}

/** Deep equality of JSON-shaped values without building strings: a sync compares 10,000 postings. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const ka = Object.keys(a)
  if (ka.length !== Object.keys(b).length) return false
  for (const k of ka) if (!sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false
  return true
}
