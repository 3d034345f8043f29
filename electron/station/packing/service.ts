// The packing area's operations behind the contract: every change to a draft goes through one per-posting queue,
// is checked against the state (a packed posting refuses changes, as Ozon does), saved durably, written to the
// audit log with the operator and bench, and answered with the whole session.
import type { DraftSummary, PackingSession, ScanOutcome } from '../../../shared/contract/packing'
import { StationError } from '../../../shared/errors'
import { DEFAULT_GS_STAND_IN } from '../../../shared/domain/packing-marks'
import {
  initialPlan,
  moveUnits,
  newPackage,
  PlanError,
  removeMark,
  setActivePackage,
  setMultiBoxQty,
  shipPackages,
  verifiedQuantities,
  verifyUnit,
  type MoveRequest,
  type PackingPlan,
} from '../../../shared/domain/packing-plan'
import type { StationContext } from '../context'
import { toStationError } from '../errors'
import type { ProductCatalog } from './catalog'
import { draftKey, type Draft } from './document'
import { KeyedQueue, type DraftStore } from './drafts'
import { initialMarks, marksComplete, needsMarks, sendMarks } from './marks'
import { accountFor, openPosting, postingNumberFromCode } from './open'
import { applyScan } from './scan'
import { sessionOf, checkDraft } from './session'
import { planNotReady, type ShipOperations } from './ship'

export interface PackingServiceDeps {
  ctx: StationContext
  drafts: DraftStore
  catalog: ProductCatalog
  ships: ShipOperations
  /** Marking-code check timings (tests make them short). */
  marks?: { pollIntervalMs?: number; waitMs?: number }
}

interface Ref {
  postingNumber: string
  accountId?: string
}

export class PackingService {
  private readonly queue = new KeyedQueue()
  private readonly marksInFlight = new Map<string, Promise<void>>()

  constructor(private readonly deps: PackingServiceDeps) {}

  async open(args: { postingNumber?: string; code?: string; accountId?: string }): Promise<PackingSession> {
    const { ctx, drafts, catalog } = this.deps
    let postingNumber = args.postingNumber
    let account = undefined
    if (!postingNumber) {
      const found = await postingNumberFromCode({ ctx, drafts, catalog }, args.code!, args.accountId)
      postingNumber = found.postingNumber
      account = found.account
    }
    account ??= accountFor(ctx, drafts, postingNumber, args.accountId)
    const number = postingNumber
    const acc = account
    return this.queue.run(draftKey(acc.id, number), async () => {
      const busy = this.deps.ships.openEntry(acc.id, number) !== undefined
      const { draft, planReset } = await openPosting({ ctx, drafts, catalog }, number, acc, busy)
      const saved = await drafts.save(draft)
      await this.audit('packing.open', saved, { stale: saved.stale, state: saved.state, ...(planReset ? { planReset: 'the order changed at Ozon' } : {}) })
      if (planReset) await this.audit('packing.plan_reset', saved, { reason: 'posting_changed' })
      return this.session(saved)
    })
  }

  get(ref: Ref): PackingSession {
    return this.session(this.require(ref))
  }

  drafts(): DraftSummary[] {
    return this.deps.drafts
      .list()
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .map((d) => ({
        accountId: d.accountId,
        postingNumber: d.postingNumber,
        state: this.stateOf(d),
        units: d.posting.items.reduce((s, i) => s + i.quantity, 0),
        verified: [...verifiedQuantities(d.plan).values()].reduce((s, n) => s + n, 0),
        packages: d.plan.packages.length,
        updatedAt: d.updatedAt,
      }))
  }

  scan(ref: Ref & { code: string; selectedSku?: number | null }): Promise<{ outcome: ScanOutcome; session: PackingSession }> {
    return this.edit(ref, async (draft) => {
      const { outcome, plan } = applyScan(draft, ref.code, { catalog: this.deps.catalog, selectedSku: ref.selectedSku, gsStandIn: DEFAULT_GS_STAND_IN })
      const details = { code: outcome.code, kind: outcome.kind, sku: outcome.sku, offerId: outcome.offerId, package: outcome.packageIndex === undefined ? undefined : outcome.packageIndex + 1 }
      if (!outcome.ok) {
        await this.audit('packing.scan_rejected', draft, { ...details, expected: outcome.expected.map((e) => `${e.offerId}×${e.remaining}`).join(', ') })
        return { draft: null, answer: (s: PackingSession) => ({ outcome, session: s }) }
      }
      if (!plan) return { draft: null, answer: (s: PackingSession) => ({ outcome, session: s }) }
      const next = this.withMarksState({ ...draft, plan })
      await this.audit(outcome.kind === 'mark' ? 'packing.mark_scanned' : 'packing.scan', draft, details)
      return { draft: next, answer: (s: PackingSession) => ({ outcome, session: s }) }
    })
  }

  manualCount(ref: Ref & { sku: number }): Promise<PackingSession> {
    return this.change(ref, 'packing.manual_count', (draft) => {
      const r = verifyUnit(draft.plan, draft.posting.items, ref.sku, { manual: true })
      return { plan: r.plan, details: { sku: ref.sku, offerId: offerOf(draft, ref.sku), package: r.packageIndex + 1 } }
    })
  }

  move(ref: Ref & MoveRequest): Promise<PackingSession> {
    return this.change(ref, 'packing.move', (draft) => ({
      plan: moveUnits(draft.plan, ref),
      details: { sku: ref.sku, offerId: offerOf(draft, ref.sku), from: ref.from + 1, to: ref.to === 'new' ? 'new' : ref.to + 1, quantity: ref.quantity },
    }))
  }

  newPackage(ref: Ref): Promise<PackingSession> {
    return this.change(ref, 'packing.new_package', (draft) => {
      const plan = newPackage(draft.plan)
      return { plan, details: { package: (plan.active ?? 0) + 1 } }
    })
  }

  setActive(ref: Ref & { index: number | null }): Promise<PackingSession> {
    return this.change(ref, 'packing.active_package', (draft) => ({
      plan: setActivePackage(draft.plan, ref.index),
      details: { package: ref.index === null ? 'none' : ref.index + 1 },
    }))
  }

  setMultiBoxQty(ref: Ref & { boxes: number | null }): Promise<PackingSession> {
    return this.change(ref, 'packing.multibox', (draft) => ({ plan: setMultiBoxQty(draft.plan, ref.boxes), details: { boxes: ref.boxes ?? 'none' } }))
  }

  removeMark(ref: Ref & { sku: number; code: string }): Promise<PackingSession> {
    return this.change(ref, 'packing.mark_removed', (draft) => ({ plan: removeMark(draft.plan, ref.sku, ref.code), details: { sku: ref.sku, offerId: offerOf(draft, ref.sku) } }))
  }

  reset(ref: Ref): Promise<PackingSession> {
    return this.change(ref, 'packing.reset', (draft) => ({ plan: initialPlan(draft.posting.items), details: {} }))
  }

  /**
   * "Package the order": re-validate in the core, write the intent to the journal, run the operation and answer
   * with the session once Ozon confirmed, refused, or could not be reached (then it finishes by itself later).
   */
  async ship(ref: Ref): Promise<PackingSession> {
    const first = this.require(ref)
    const key = draftKey(first.accountId, first.postingNumber)
    if (needsMarks(first.posting) && marksComplete(first.posting, first.plan) && first.marks.status !== 'ship_available') {
      await this.checkMarksNow(first)
    }
    const entryId = await this.queue.run(key, async () => {
      const draft = this.require(ref)
      const open = this.deps.ships.openEntry(draft.accountId, draft.postingNumber)
      if (open) return open.id // an earlier press (or a crash) left it under way: finish that one
      if (draft.state === 'packed') throw packed(draft)
      const check = checkDraft(draft, this.deps.ctx.settings.data.bench)
      if (check.errors.length > 0) throw planNotReady(draft.postingNumber, check.errors)
      // The intent is durable before anything else happens; from here the open entry means "shipping".
      const entry = await this.deps.ships.begin(draft, shipPackages(draft.plan))
      await Promise.all([
        draft.lastError || draft.state === 'failed' ? this.deps.drafts.save({ ...draft, state: 'draft', lastError: null }) : null,
        this.audit('packing.ship_started', draft, {
          packages: draft.plan.packages.length,
          plan: draft.plan.packages.map((p) => p.lines.map((l) => `${offerOf(draft, l.sku)}×${l.quantity}`).join(' + ')).join(' | '),
          warnings: check.warnings.length,
          operationId: entry.id,
        }),
      ])
      this.deps.ctx.events.emit('packing.progress', { accountId: draft.accountId, postingNumber: draft.postingNumber, stage: 'intent' })
      return entry.id
    })
    await this.deps.ships.run(entryId)
    return this.session(this.require(ref))
  }

  /** Waits for a marking-code check in progress. */
  async settle(): Promise<void> {
    await Promise.all([...this.marksInFlight.values()].map((p) => p.catch(() => undefined)))
  }

  private session(draft: Draft): PackingSession {
    const open = this.deps.ships.openEntry(draft.accountId, draft.postingNumber)
    const entry = open ?? this.deps.ctx.journal.latest('ship', draft.postingNumber)
    return sessionOf({ ...draft, state: this.stateOf(draft) }, { bench: this.deps.ctx.settings.data.bench, catalog: this.deps.catalog, entry })
  }

  /** "shipping" is whatever has an open ship operation in the journal — the journal is the truth, not the draft. */
  private stateOf(draft: Draft): Draft['state'] {
    if (this.deps.ships.openEntry(draft.accountId, draft.postingNumber)) return 'shipping'
    return draft.state === 'shipping' ? 'draft' : draft.state
  }

  private require(ref: Ref): Draft {
    const d = this.deps.drafts.find(ref.postingNumber, ref.accountId)
    if (!d) {
      throw new StationError({
        code: 'not_found',
        message: `Posting ${ref.postingNumber} is not open for packing. Open it first`,
        key: 'packing:errors.notOpen',
        params: { postingNumber: ref.postingNumber },
      })
    }
    return d
  }

  /** A plan change with its audit entry; PlanError becomes an error naming what was wrong. */
  private change(ref: Ref, action: string, make: (draft: Draft) => { plan: PackingPlan; details: Record<string, unknown> }): Promise<PackingSession> {
    return this.edit(ref, async (draft) => {
      let made: { plan: PackingPlan; details: Record<string, unknown> }
      try {
        made = make(draft)
      } catch (err) {
        if (err instanceof PlanError) {
          throw new StationError({ code: 'conflict', message: `${draft.postingNumber}: ${err.message}`, key: `packing:planErrors.${err.code}`, params: err.params })
        }
        throw err
      }
      await this.audit(action, draft, made.details)
      return { draft: this.withMarksState({ ...draft, plan: made.plan }), answer: (s: PackingSession) => s }
    })
  }

  /** Runs an edit in the posting's queue: refuses packed or shipping postings, saves, answers. */
  private edit<T>(ref: Ref, run: (draft: Draft) => Promise<{ draft: Draft | null; answer: (s: PackingSession) => T }>): Promise<T> {
    const known = this.require(ref)
    return this.queue.run(draftKey(known.accountId, known.postingNumber), async () => {
      const draft = this.require(ref)
      const state = this.stateOf(draft)
      if (state === 'packed') throw packed(draft)
      if (state === 'shipping') {
        throw new StationError({
          code: 'conflict',
          message: `Posting ${draft.postingNumber} is being packaged at Ozon now; it can no longer be changed`,
          key: 'packing:errors.shipping',
          params: { postingNumber: draft.postingNumber },
        })
      }
      const { draft: next, answer } = await run(draft)
      const saved = next ? await this.deps.drafts.save({ ...next, state: 'draft' }) : draft
      if (next) {
        this.deps.ctx.events.emit('packing.changed', { accountId: saved.accountId, postingNumber: saved.postingNumber, state: saved.state, what: 'plan' })
        this.maybeSendMarks(saved)
      }
      return answer(this.session(saved))
    })
  }

  /** Marks state after a plan change: complete codes are (re)sent, incomplete ones wait for more scans. */
  private withMarksState(draft: Draft): Draft {
    if (!needsMarks(draft.posting)) return draft
    const complete = marksComplete(draft.posting, draft.plan)
    const sameCodes = JSON.stringify(draft.plan.marks) === JSON.stringify(this.require(draft).plan.marks)
    if (!complete) return { ...draft, marks: initialMarks(draft.posting) }
    if (sameCodes && draft.marks.status !== 'incomplete') return draft
    return { ...draft, marks: { status: 'sending', rejected: [], checkedAt: null, message: null } }
  }

  /** Once every code is scanned they go to Ozon in the background; the verdict arrives as `packing.changed`. */
  private maybeSendMarks(draft: Draft): void {
    if (draft.marks.status !== 'sending') return
    const key = draftKey(draft.accountId, draft.postingNumber)
    const run = this.sendMarksFor(draft).finally(() => this.marksInFlight.delete(key))
    this.marksInFlight.set(key, run)
  }

  private async checkMarksNow(draft: Draft): Promise<void> {
    const key = draftKey(draft.accountId, draft.postingNumber)
    const inFlight = this.marksInFlight.get(key)
    if (inFlight) return inFlight
    await this.sendMarksFor(draft)
  }

  private async sendMarksFor(draft: Draft): Promise<void> {
    const { ctx } = this.deps
    const account = ctx.accounts.get(draft.accountId)
    if (!account) return
    const codes = JSON.stringify(draft.plan.marks)
    let verdict: Draft['marks']
    try {
      verdict = await sendMarks(account.client, draft.posting, draft.plan, { now: ctx.now, ...this.deps.marks })
    } catch (err) {
      const e = toStationError(err)
      verdict = { status: 'failed', rejected: [], checkedAt: ctx.now().toISOString(), message: e.message }
    }
    await this.queue.run(draftKey(draft.accountId, draft.postingNumber), async () => {
      const now = this.deps.drafts.get(draft.accountId, draft.postingNumber)
      // Codes changed while Ozon was checking: that verdict is about an old set; the new set is on its way.
      if (!now || JSON.stringify(now.plan.marks) !== codes || now.state === 'packed') return
      const saved = await this.deps.drafts.save({ ...now, marks: verdict })
      await this.audit('packing.marks_checked', saved, { status: verdict.status, rejected: verdict.rejected.length, message: verdict.message ?? undefined })
      ctx.events.emit('packing.changed', { accountId: saved.accountId, postingNumber: saved.postingNumber, state: saved.state, what: 'marks' })
    })
  }

  private async audit(action: string, draft: Pick<Draft, 'postingNumber' | 'accountId'>, details: Record<string, unknown>): Promise<void> {
    const { operator, bench } = this.deps.ctx.actor()
    const clean = Object.fromEntries(Object.entries({ accountId: draft.accountId, ...details }).filter(([, v]) => v !== undefined))
    await this.deps.ctx.audit.append({ operator, bench, action, postingNumber: draft.postingNumber, details: clean })
  }
}

function offerOf(draft: Draft, sku: number): string {
  return draft.posting.items.find((i) => i.sku === sku)?.offerId ?? String(sku)
}

function packed(draft: Draft): StationError {
  return new StationError({
    code: 'conflict',
    message: `Posting ${draft.postingNumber} is already packed: its packages can no longer be changed (Ozon does not allow it)`,
    key: 'packing:errors.packed',
    params: { postingNumber: draft.postingNumber },
  })
}
