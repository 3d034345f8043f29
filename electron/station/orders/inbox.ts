// The inbox in the core: the index over every stored posting is built once per data change (a sync, packing,
// a settings change) and queried per request — filters, search, sort and facet counts over 10,000 postings
// stay a few milliseconds, and a virtualised list can ask for one window after another of the same result.
import type { FindResult, FoundPosting, InboxRowInfo } from '../../../shared/contract'
import type { WorkingCalendar } from '../../../shared/domain/calendar'
import { DEFAULT_PREPARATION_LIMITS, preparationCheck, type PreparationLimits } from '../../../shared/domain/deadlines'
import {
  buildInboxIndex,
  findByScannedCode,
  queryInbox,
  type FacetName,
  type InboxIndex,
  type InboxQuery,
  type InboxResult,
  type InboxRow,
} from '../../../shared/domain/inbox-query'
import type { Posting } from '../../../shared/domain/posting'
import { workingCalendarOf, type BenchProfile } from '../../../shared/domain/settings'
import { StationError } from '../../../shared/errors'
import { OzonError } from '../../ozon'
import type { Journal, StoredDocument } from '../../store'
import type { Account } from '../accounts'
import { postingKey, type OrdersData } from './document'
import { postingFromOzon } from './from-ozon'
import { packedAtOf, packedTimes } from './packed-at'

/** Windows of one result asked within this time reuse it (scrolling), instead of running the query again. */
const RESULT_REUSE_MS = 3_000
const POSTING_NUMBER = /^\d{5,}-\d{1,6}-\d{1,4}$/

export interface InboxDeps {
  doc: StoredDocument<OrdersData>
  journal: Journal
  profile: () => BenchProfile
  accounts: () => Account[]
  /** Display name of an account id (also of removed accounts whose postings are still kept). */
  accountLabel: (accountId: string) => string
  now: () => Date
  /** The warehouse's preparation limits (settings); Ozon's published defaults when not set. */
  limits?: () => PreparationLimits
}

export class Inbox {
  private index: InboxIndex | null = null
  private packed = new Map<string, string>()
  private calendarCache: { key: string; calendar: WorkingCalendar } | null = null
  private last: { key: string; index: InboxIndex; result: InboxResult } | null = null

  constructor(private readonly deps: InboxDeps) {}

  /** The data changed: the next request rebuilds the index. */
  invalidate(): void {
    this.index = null
    this.last = null
  }

  /** The current index, built now when the data changed since the last one. */
  current(): InboxIndex {
    if (!this.index) {
      const { doc, journal, now } = this.deps
      this.packed = packedTimes(journal)
      const data = doc.data
      const packed = this.packed
      this.index = buildInboxIndex(Object.values(data.postings), now(), {
        calendar: this.calendar(),
        packedAt: (p) => packedAtOf(packed, data, p.accountId, p.postingNumber),
      })
    }
    return this.index
  }

  /** Runs the query at the station's clock (a result from the last few seconds is reused for its other windows). */
  query(query: InboxQuery): InboxResult {
    const index = this.current()
    const key = JSON.stringify(query)
    const nowMs = this.deps.now().getTime()
    const last = this.last
    if (last && last.index === index && last.key === key && nowMs - last.result.now >= 0 && nowMs - last.result.now < RESULT_REUSE_MS) return last.result
    const result = queryInbox(index, query, nowMs)
    this.last = { key, index, result }
    return result
  }

  /** The warehouse zone deadlines are judged in. */
  timeZone(): string {
    return this.calendar().timeZone
  }

  /** What the core adds to a listed posting: cancellation time, money at stake, preparation limit, packed time. */
  rowInfo(row: InboxRow, nowMs: number): InboxRowInfo {
    const p = row.entry.posting
    const packedAt = packedAtOf(this.packed, this.deps.doc.data, p.accountId, p.postingNumber)
    let preparation: InboxRowInfo['preparation'] = null
    try {
      const check = preparationCheck(p, nowMs, this.calendar(), this.deps.limits?.() ?? DEFAULT_PREPARATION_LIMITS, packedAt)
      if (check) {
        preparation = { stage: check.stage, limitAt: check.limitAt.toISOString(), exceeded: check.exceeded, sinceApproximate: check.sinceApproximate }
      }
    } catch {
      // An unreadable order date: the index lists the posting under `problems`; no limit is shown.
    }
    return {
      accountId: p.accountId,
      postingNumber: p.postingNumber,
      cancellationAt: row.entry.cancellationAt === null ? null : new Date(row.entry.cancellationAt).toISOString(),
      moneyAtStake: row.moneyAtStake,
      preparation,
      packedAt,
    }
  }

  /** Facets as the screen shows them: accounts by their names rather than their ids. */
  facets(result: InboxResult): InboxResult['facets'] {
    const out = { ...result.facets }
    out.account = result.facets.account.map((v) => ({ ...v, label: this.deps.accountLabel(v.value) }))
    return out as Record<FacetName, (typeof out)[FacetName]>
  }

  /**
   * A scanned or typed code → its posting(s): a posting number, an order number or a barcode of an Ozon label.
   * Codes the inbox does not know are asked from Ozon (get-by-barcode, or the posting itself) and the posting
   * found is stored, so the inbox knows it from then on.
   */
  async find(rawCode: string): Promise<FindResult> {
    const code = rawCode.replace(/\s+/g, '')
    const local = findByScannedCode(this.current(), code)
    if (local.length > 0) return { code, source: 'inbox', postings: local.map((e) => found(e.posting)) }

    let unreachable: unknown = null
    for (const account of this.deps.accounts()) {
      try {
        const posting = await this.readFromOzon(account, code)
        if (!posting) continue
        await this.deps.doc.update((d) => {
          const key = postingKey(account.id, posting.postingNumber)
          d.postings[key] ??= posting
        })
        return { code, source: 'ozon', postings: [found(posting)] }
      } catch (err) {
        unreachable ??= err
      }
    }
    if (unreachable) throw unreachable
    throw new StationError({
      code: 'not_found',
      message: `Nothing is known by the code "${code}". Scan the posting number or a barcode of the Ozon label.`,
      key: 'inbox:scan.unknownCode',
      params: { code },
    })
  }

  private async readFromOzon(account: Account, code: string): Promise<Posting | null> {
    try {
      const number = POSTING_NUMBER.test(code) ? code : (await account.client.getPostingByBarcode(code)).posting_number
      const p = await account.client.getPosting(number, { productExemplars: false, relatedPostings: false })
      return postingFromOzon(p, account.id, this.deps.now().toISOString())
    } catch (err) {
      // "No such posting / barcode" at this account: not an error, the code may belong to another one.
      if (err instanceof OzonError && (err.kind === 'not_found' || err.kind === 'validation' || err.kind === 'business')) return null
      throw err
    }
  }

  private calendar(): WorkingCalendar {
    const profile = this.deps.profile()
    const key = JSON.stringify([profile.timeZone, profile.calendarOverrides])
    if (this.calendarCache?.key !== key) this.calendarCache = { key, calendar: workingCalendarOf(profile) }
    return this.calendarCache.calendar
  }
}

function found(p: Posting): FoundPosting {
  return { accountId: p.accountId, postingNumber: p.postingNumber, orderNumber: p.orderNumber, status: p.status }
}
