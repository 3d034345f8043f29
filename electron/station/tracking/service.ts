// The tracking screen's work: find a package, check a typed or scanned number (carrier format, duplicates, the
// reason an edit needs), record it durably (tracking document + journal) and let the sender take it to Ozon; list
// the packed packages that still miss a number or wait for Ozon's yes. Dispatch asks it where a package stands.
import type { TrackingChange, TrackingCheckResult, TrackingEntry, TrackingList, TrackingRow, TrackingSetResult } from '../../../shared/contract/tracking'
import type { Posting } from '../../../shared/domain/posting'
import {
  changeNeedsReason,
  findDuplicate,
  trackingBlock,
  trackingNeed,
  trackingStatusOf,
  type NumberHolder,
  type TrackingStatus,
} from '../../../shared/domain/tracking'
import { checkTrackingNumber, defaultTrackingRules, ruleForCarrier, type TrackingRule } from '../../../shared/domain/tracking-rules'
import { StationError } from '../../../shared/errors'
import type { StoredDocument } from '../../store'
import { requireAccount } from '../accounts'
import type { StationContext } from '../context'
import { postingKey } from '../orders/document'
import { postingFromOzon } from '../orders/from-ozon'
import { HISTORY_LIMIT, type TrackingData, type TrackingRecord } from './document'
import { notFound, TRACKING_KIND, type TrackingIntent, type TrackingSender } from './sender'
import { OzonError } from '../../ozon'

/** Statuses in which Ozon takes a tracking number (packed, and until delivery). */
const TRACKABLE = new Set(['awaiting_deliver', 'awaiting_registration', 'driver_pickup', 'delivering'])
/** Packed and not yet handed over: what the "missing / not yet accepted" view is about. */
const AWAITING_HANDOVER = new Set(['awaiting_deliver', 'awaiting_registration'])

export interface TrackingServiceOptions {
  /** How long `tracking.set` waits for Ozon's answer before it returns with the numbers still waiting. */
  answerWaitMs?: number
}

export class TrackingService {
  /** Set by dispatch: why a package's number may no longer change (it was handed over in a closed batch). */
  handedOver: (accountId: string, postingNumber: string) => string | null = () => null

  constructor(
    private readonly ctx: StationContext,
    private readonly doc: StoredDocument<TrackingData>,
    private readonly sender: TrackingSender,
    private readonly opts: TrackingServiceOptions = {},
  ) {}

  rules(): TrackingRule[] {
    return this.doc.data.rules ?? defaultTrackingRules()
  }

  async setRules(rules: TrackingRule[]): Promise<TrackingRule[]> {
    await this.doc.update((d) => {
      d.rules = rules
    })
    const { operator, bench } = this.ctx.actor()
    await this.ctx.audit.append({ operator, bench, action: 'tracking.rules_changed', details: { rules: rules.map((r) => r.id) } })
    return this.rules()
  }

  record(accountId: string, postingNumber: string): TrackingRecord | null {
    return this.doc.data.records[postingKey(accountId, postingNumber)] ?? null
  }

  /** Where a package's number stands (the station's record first, else what Ozon has). */
  statusOf(p: Posting): TrackingStatus {
    return trackingStatusOf(p, this.record(p.accountId, p.postingNumber))
  }

  /** Postings carrying this exact number (typed here or known from Ozon). */
  holdersOf(value: string): NumberHolder[] {
    return [...this.holders()].filter((h) => h.trackingNumber === value)
  }

  /** A posting by number: from the orders document, else read from Ozon (and remembered). */
  async posting(postingNumber: string, accountId?: string): Promise<Posting> {
    const all = Object.values(this.ctx.orders.data.postings).filter((p) => p.postingNumber === postingNumber && (!accountId || p.accountId === accountId))
    if (all.length === 1) return all[0]!
    if (all.length > 1) {
      throw new StationError({
        code: 'invalid_args',
        message: `Posting ${postingNumber} exists in several Ozon accounts — say which one (accountId)`,
        field: 'accountId',
        key: 'tracking:errors.ambiguous',
        params: { postingNumber },
      })
    }
    for (const account of this.ctx.accounts.list()) {
      if (accountId && account.id !== accountId) continue
      try {
        const p = postingFromOzon(await account.client.getPosting(postingNumber, { productExemplars: false }), account.id, this.ctx.now().toISOString())
        await this.ctx.orders.update((d) => {
          d.postings[postingKey(p.accountId, p.postingNumber)] ??= p
        })
        return p
      } catch (err) {
        if (err instanceof OzonError && err.kind === 'not_found') continue
        throw err
      }
    }
    throw notFound(postingNumber)
  }

  /** Checks a number for a package without saving anything. */
  check(p: Posting, raw: string, reason?: string): TrackingCheckResult {
    const rule = ruleForCarrier(p.carrier, this.rules())
    const ruleInfo = { id: rule.id, label: rule.label, example: rule.example }
    const status = this.statusOf(p)
    const refuse = (problem: string, message: string, params: Record<string, string | number> = {}, value = raw.trim()): TrackingCheckResult => ({
      ok: false,
      value,
      rule: ruleInfo,
      problem,
      message,
      params: { postingNumber: p.postingNumber, ...params },
      needsReason: false,
    })
    const readOnly = this.readOnly(p)
    if (readOnly) return refuse('read_only', readOnly.message, { label: String(readOnly.params?.label ?? p.accountId) })
    if (trackingNeed(p) === 'none') {
      return refuse('not_trackable', `${p.postingNumber} goes with ${p.carrier.name || 'Ozon'} (${p.integrationType}): the seller gives it no tracking number`, { carrier: p.carrier.name, scheme: p.integrationType })
    }
    if (!TRACKABLE.has(p.status)) {
      const packFirst = p.status === 'awaiting_packaging'
      return refuse(
        packFirst ? 'not_packed' : 'not_trackable',
        packFirst ? `${p.postingNumber} is not packed yet: each package gets its number after "Package the order"` : `${p.postingNumber} has status ${p.status}: Ozon takes no tracking number now`,
        { status: p.status },
      )
    }
    const locked = this.handedOver(p.accountId, p.postingNumber)
    const checked = checkTrackingNumber(raw, rule)
    if (!checked.ok) return { ...refuse(checked.problem, checked.message, checked.params, checked.value) }
    const value = checked.value
    if (locked && value !== status.trackingNumber) return refuse('handed_over', `${p.postingNumber} was handed over in batch ${locked}: its number can no longer change here`, { batch: locked }, value)
    const dup = findDuplicate(value, p, this.holders())
    if (dup) return refuse('duplicate', `${value} is already the tracking number of ${dup.postingNumber} — scan this package’s own carrier label`, { other: dup.postingNumber }, value)
    const needsReason = changeNeedsReason(status, value)
    if (needsReason && !reason?.trim()) {
      return { ...refuse('reason_required', `${p.postingNumber} already has ${status.trackingNumber}: say why it changes to ${value}`, { from: status.trackingNumber, to: value }, value), needsReason: true }
    }
    return { ok: true, value, rule: ruleInfo, problem: null, message: '', params: { postingNumber: p.postingNumber }, needsReason }
  }

  /** Records numbers, sends them (waits a little for Ozon's answer) and says how each one went. */
  async set(entries: TrackingEntry[]): Promise<TrackingSetResult> {
    const results: TrackingSetResult['results'] = []
    const postings = new Map<string, Posting>()
    let recorded = 0
    for (const entry of entries) {
      let p: Posting
      try {
        p = await this.posting(entry.postingNumber, entry.accountId)
      } catch (err) {
        // One unknown number does not stop the others; it says what was wrong.
        const e = err instanceof StationError ? err : err instanceof OzonError ? new StationError({ code: 'ozon_unavailable', message: err.human }) : null
        if (!e) throw err
        const problem = e.code === 'not_found' ? 'not_found' : e.code === 'invalid_args' ? 'ambiguous' : 'unreachable'
        const check: TrackingCheckResult = { ok: false, value: entry.trackingNumber.trim(), rule: { id: '', label: '', example: '' }, problem, message: e.message, params: { postingNumber: entry.postingNumber }, needsReason: false }
        results.push({ postingNumber: entry.postingNumber, ok: false, check, row: null })
        continue
      }
      postings.set(p.postingNumber, p)
      const check = this.check(p, entry.trackingNumber, entry.reason)
      const status = this.statusOf(p)
      if (check.ok && check.value === status.trackingNumber && status.state !== 'rejected') {
        // The same number again: nothing changes, nothing is sent twice.
        results.push({ postingNumber: p.postingNumber, ok: true, check, row: null })
        continue
      }
      if (!check.ok) {
        results.push({ postingNumber: p.postingNumber, ok: false, check, row: null })
        continue
      }
      await this.record_(p, status, check.value, entry.reason ?? '')
      recorded++
      results.push({ postingNumber: p.postingNumber, ok: true, check, row: null })
    }
    if (recorded > 0) {
      this.ctx.events.emit('tracking.changed', { postingNumbers: results.filter((r) => r.ok).map((r) => r.postingNumber), reason: 'set' })
      await this.waitForAnswer()
    }
    for (const r of results) {
      const p = postings.get(r.postingNumber)
      const fresh = p ? (this.ctx.orders.data.postings[postingKey(p.accountId, p.postingNumber)] ?? p) : null
      r.row = fresh ? this.row(fresh) : null
    }
    return { results }
  }

  /** Sends waiting numbers now; the given rejected ones are sent again unchanged. */
  async retry(postingNumbers: string[] = []): Promise<void> {
    for (const n of postingNumbers) {
      const p = await this.posting(n)
      const r = this.record(p.accountId, p.postingNumber)
      if (!r || r.state !== 'rejected') continue
      requireAccount(this.ctx.accounts, p.accountId)
      await this.record_(p, this.statusOf(p), r.trackingNumber, '', 'retry')
    }
    await this.waitForAnswer()
  }

  /**
   * A posting of a removed account (or one whose key must be entered again) is read-only: a number given to it
   * would wait for Ozon forever, so none is taken.
   */
  private readOnly(p: Posting): StationError | null {
    try {
      requireAccount(this.ctx.accounts, p.accountId)
      return null
    } catch (err) {
      if (err instanceof StationError) return err
      throw err
    }
  }

  /** Durably records the number: journal entry first (it is what gets sent), then the record and the audit line. */
  private async record_(p: Posting, status: TrackingStatus, value: string, reason: string, forced?: 'retry'): Promise<void> {
    const { operator, bench } = this.ctx.actor()
    const intent: TrackingIntent = { accountId: p.accountId, postingNumber: p.postingNumber, trackingNumber: value }
    const entry = await this.ctx.journal.begin({ kind: TRACKING_KIND, key: p.postingNumber, intent, operator, bench })
    const at = this.ctx.now().toISOString()
    const kind: TrackingChange['kind'] = forced ?? (status.trackingNumber === '' ? 'set' : status.state === 'rejected' ? 'fix' : 'edit')
    await this.doc.update((d) => {
      const key = postingKey(p.accountId, p.postingNumber)
      const old = d.records[key]
      const history = [...(old?.history ?? []), { at, operator, bench, kind, from: status.trackingNumber, to: value, reason }].slice(-HISTORY_LIMIT)
      d.records[key] = {
        accountId: p.accountId,
        postingNumber: p.postingNumber,
        trackingNumber: value,
        state: 'waiting',
        error: null,
        journalId: entry.id,
        attempts: old && old.trackingNumber === value ? old.attempts : 0,
        enteredAt: at,
        acceptedAt: null,
        history,
      }
    })
    await this.ctx.audit.append({
      operator,
      bench,
      action: kind === 'edit' ? 'tracking.edited' : kind === 'retry' ? 'tracking.retried' : 'tracking.set',
      postingNumber: p.postingNumber,
      details: { trackingNumber: value, ...(status.trackingNumber ? { previous: status.trackingNumber } : {}), ...(reason ? { reason } : {}) },
    })
  }

  private async waitForAnswer(): Promise<void> {
    const send = this.sender.flush().catch((err: unknown) => this.ctx.log.warn('tracking: send failed', { error: String(err) }))
    const wait = this.opts.answerWaitMs ?? 8_000
    await Promise.race([send, new Promise<void>((r) => setTimeout(r, wait).unref())])
  }

  row(p: Posting): TrackingRow {
    const r = this.record(p.accountId, p.postingNumber)
    const status = trackingStatusOf(p, r)
    const rule = ruleForCarrier(p.carrier, this.rules())
    return {
      accountId: p.accountId,
      postingNumber: p.postingNumber,
      orderNumber: p.orderNumber,
      status: p.status,
      carrier: p.carrier,
      deliveryMethod: p.deliveryMethod.name,
      integrationType: p.integrationType,
      need: status.need,
      state: status.state,
      trackingNumber: status.trackingNumber,
      error: status.error,
      blocked: trackingBlock(status)?.message ?? '',
      rule: { id: rule.id, label: rule.label, example: rule.example },
      labelCodes: p.labelBarcodes ? [p.labelBarcodes.upper, p.labelBarcodes.lower].filter((c) => c !== '') : [],
      attempts: r?.attempts ?? 0,
      enteredAt: r?.enteredAt ?? null,
      acceptedAt: r?.acceptedAt ?? null,
      history: r?.history ?? [],
    }
  }

  list(args: { show: 'attention' | 'all'; search: string; carrierId?: string; limit: number }): TrackingList {
    const rows: TrackingRow[] = []
    const counts = { missing: 0, waiting: 0, rejected: 0, accepted: 0 }
    const needle = args.search.replace(/\s+/g, '').toUpperCase()
    for (const p of Object.values(this.ctx.orders.data.postings)) {
      const r = this.record(p.accountId, p.postingNumber)
      const unsettled = r !== null && (r.state !== 'accepted')
      if (trackingNeed(p) === 'none' || (!AWAITING_HANDOVER.has(p.status) && !unsettled)) continue
      const row = this.row(p)
      if (row.state === 'missing' && row.need === 'required') counts.missing++
      else if (row.state === 'waiting') counts.waiting++
      else if (row.state === 'rejected') counts.rejected++
      else if (row.state === 'accepted') counts.accepted++
      if (args.show === 'attention' && row.blocked === '') continue
      if (args.carrierId && p.carrier.id !== args.carrierId) continue
      if (needle && ![p.postingNumber, p.orderNumber, row.trackingNumber].some((s) => s.toUpperCase().includes(needle))) continue
      rows.push(row)
    }
    const rank = { rejected: 0, missing: 1, waiting: 2, accepted: 3, not_needed: 4 } as const
    rows.sort((a, b) => rank[a.state] - rank[b.state] || a.postingNumber.localeCompare(b.postingNumber))
    return {
      rows: rows.slice(0, args.limit),
      total: rows.length,
      counts,
      queued: this.sender.pending().length,
      offline: this.doc.data.offline,
    }
  }

  /** Every number the station knows: its own records (the current ones), and Ozon's for the rest. */
  private *holders(): Generator<NumberHolder> {
    const records = this.doc.data.records
    for (const r of Object.values(records)) yield r
    for (const p of Object.values(this.ctx.orders.data.postings)) {
      if (p.trackingNumber === '' || records[postingKey(p.accountId, p.postingNumber)]) continue
      yield p
    }
  }
}
