// What happens at Ozon once a batch is closed, as journaled operations that survive a lost connection or a restart:
//
// Ozon logistics — journal kind `carriage` (key = batch id):
//   intent → called (create sent; Ozon may have made it) → created (carriage id recorded) → approved → closed
//   `formed` once the act is ready: its PDF is saved, and the postings Ozon put on it or moved to the next carriage
//   are recorded. A `called` step resumed after a crash asks Ozon to create again; Ozon refuses a second carriage
//   of the same delivery method while the first is new (`there_are_incomplete_carriages`), which is reported to a
//   person instead of being guessed.
// Own delivery — journal kind `delivery` (key = batch id): intent → called → closed `done`, per posting Ozon's
//   answer. Moving a posting that already moved is refused by Ozon; a repeated call re-reads such a posting and
//   counts it as moved when it is.
import { z } from 'zod'
import type { HandoverState } from '../../../shared/contract/dispatch'
import { dayFromLocalDate, instantAtLocal } from '../../../shared/domain/time-zone'
import { OzonError, type ItemResult } from '../../ozon'
import type { JournalEntry } from '../../store'
import type { Account } from '../accounts'
import type { StationContext } from '../context'
import { postingKey } from '../orders/document'
import type { Batch } from './document'
import type { BatchStore } from './store'

export const CARRIAGE_KIND = 'carriage'
export const DELIVERY_KIND = 'delivery'

export type MoveStep = 'delivering' | 'last_mile' | 'delivered'

const CarriageIntent = z.object({ batchId: z.string(), accountId: z.string(), deliveryMethodId: z.string(), departureAt: z.string() })
const DeliveryIntent = z.object({ batchId: z.string(), accountId: z.string(), step: z.enum(['delivering', 'last_mile', 'delivered']), postingNumbers: z.array(z.string()).min(1) })
type CarriageIntent = z.infer<typeof CarriageIntent>
type DeliveryIntent = z.infer<typeof DeliveryIntent>

export interface HandoverOptions {
  /** Between two act-status questions while Ozon forms the documents. */
  pollIntervalMs?: number
  /** Questions per run before the station leaves it to the retry timer. */
  polls?: number
  /** Waits between runs while Ozon cannot be reached or is still forming the documents. */
  retryDelaysMs?: number[]
}

const TRANSIENT = new Set(['network', 'timeout', 'server', 'rate_limit', 'malformed'])

/** Ozon's carriage refusals (§9.3) in words a packer can act on. */
export function carriageReason(code: string): string {
  const words: Record<string, string> = {
    no_postings: 'Ozon has no packed postings of this delivery method for a carriage',
    there_are_incomplete_carriages: 'A carriage of this delivery method is already being made at Ozon (maybe by an earlier attempt) — finish or cancel it in the seller cabinet',
    not_packaged: 'Postings due today are not packed yet — Ozon wants them packed before the carriage',
    new_postings_are_possible: 'Ozon takes the carriage only after today’s packing cut-off',
    first_mile_absent: 'The warehouse has no first mile set up at Ozon',
    first_mile_is_changing: 'The warehouse’s first mile is being changed at Ozon — try later',
    non_carriageable: 'This delivery method has no Ozon carriage',
    DELIVERY_METHOD_NOT_FOUND: 'Ozon does not know this delivery method',
    Incorrect_carriage_status: 'The carriage is in a status that does not allow this step',
    has_postings_with_registration_error: 'Some postings have a registration error at Ozon',
  }
  return words[code] ?? `Ozon refused the carriage: ${code}`
}

export class Handover {
  private readonly running = new Map<string, Promise<void>>()
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly tries = new Map<string, number>()
  private closed = false

  constructor(
    private readonly ctx: StationContext,
    private readonly store: BatchStore,
    private readonly opts: HandoverOptions = {},
    private readonly changed: (batchId: string) => void = () => {},
  ) {}

  /** Starts what Ozon must do for a freshly closed batch. */
  async begin(batch: Batch): Promise<void> {
    const kind = batch.handover?.kind ?? 'none'
    if (kind === 'none') {
      await this.store.setHandover(batch.id, { state: 'done', message: 'Handed over to the carrier with the manifest' })
      this.changed(batch.id)
      return
    }
    const { operator, bench } = this.ctx.actor()
    if (kind === 'carriage') {
      const tz = this.ctx.settings.data.bench.timeZone
      // Local noon of the departure day: the right day whatever Ozon's zone arithmetic is.
      const departureAt = new Date(instantAtLocal(dayFromLocalDate(batch.departureDate), 12 * 3_600_000, tz)).toISOString()
      const intent: CarriageIntent = { batchId: batch.id, accountId: batch.accountId, deliveryMethodId: batch.deliveryMethod.id, departureAt }
      const entry = await this.ctx.journal.begin({ kind: CARRIAGE_KIND, key: batch.id, intent, operator, bench })
      await this.run(entry.id)
    } else {
      await this.move(batch, 'delivering', batch.packages.map((p) => p.postingNumber))
    }
  }

  /** Moves postings of an own-delivery batch one status step on. */
  async move(batch: Batch, step: MoveStep, postingNumbers: string[]): Promise<void> {
    const { operator, bench } = this.ctx.actor()
    const intent: DeliveryIntent = { batchId: batch.id, accountId: batch.accountId, step, postingNumbers }
    const entry = await this.ctx.journal.begin({ kind: DELIVERY_KIND, key: batch.id, intent, operator, bench })
    await this.run(entry.id)
  }

  /** The open operation of a batch, if one is waiting. */
  openEntry(batchId: string): JournalEntry | undefined {
    return this.ctx.journal.openEntries().find((e) => (e.kind === CARRIAGE_KIND || e.kind === DELIVERY_KIND) && e.key === batchId)
  }

  /** On start: every hand-over step that was under way is finished now. */
  resumeOpen(): void {
    for (const e of [...this.ctx.journal.openEntries(CARRIAGE_KIND), ...this.ctx.journal.openEntries(DELIVERY_KIND)]) {
      this.ctx.log.info('dispatch: resuming a hand-over step', { batchId: e.key, kind: e.kind, state: e.state })
      void this.run(e.id).catch((err: unknown) => this.ctx.log.error('dispatch: resume failed', { batchId: e.key, error: String(err) }))
    }
  }

  run(entryId: string): Promise<void> {
    const already = this.running.get(entryId)
    if (already) return already
    const t = this.timers.get(entryId)
    if (t) clearTimeout(t)
    this.timers.delete(entryId)
    const entry = this.ctx.journal.get(entryId)
    const p = (entry?.kind === CARRIAGE_KIND ? this.carriage(entryId) : this.delivery(entryId)).finally(() => this.running.delete(entryId))
    this.running.set(entryId, p)
    return p
  }

  async close(): Promise<void> {
    this.closed = true
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear()
    await Promise.race([Promise.all([...this.running.values()].map((p) => p.catch(() => undefined))), new Promise((r) => setTimeout(r, 5_000).unref())])
  }

  // ─── Ozon logistics: the carriage ──────────────────────────────────────────────────────────────────────

  private async carriage(entryId: string): Promise<void> {
    const { journal } = this.ctx
    let entry = journal.get(entryId)
    if (!entry || entry.closed) return
    const intent = CarriageIntent.parse(entry.intent)
    const account = this.ctx.accounts.get(intent.accountId)
    if (!account) return this.wait(entry, intent.batchId, `The Ozon account ${intent.accountId} is not connected`)
    const client = account.client
    try {
      if (entry.state === 'intent' || entry.state === 'called') {
        entry = await journal.advance(entryId, { state: 'called', attempts: entry.attempts + 1, error: null })
        await this.state(intent.batchId, { state: 'working', message: 'Creating the carriage at Ozon' })
        // A resumed `called` step asks again; if the first call made it, Ozon says there_are_incomplete_carriages.
        const carriageId = await client.createCarriage(intent.deliveryMethodId, intent.departureAt)
        entry = await journal.advance(entryId, { state: 'created', result: { carriageId } })
        await this.state(intent.batchId, { carriageId, message: 'Carriage created; approving it' })
        await this.audit(entry, 'dispatch.carriage_created', { carriageId })
      }
      const carriageId = z.object({ carriageId: z.string() }).parse(entry.result).carriageId
      if (entry.state === 'created') {
        await client.approveCarriage(carriageId)
        entry = await journal.advance(entryId, { state: 'approved' })
        await this.state(intent.batchId, { message: 'Carriage approved; Ozon is forming the documents' })
        await this.audit(entry, 'dispatch.carriage_approved', { carriageId })
      }
      if (entry.state === 'approved') {
        const status = await this.pollAct(account, carriageId)
        await this.state(intent.batchId, { actStatus: status.status })
        if (status.status === 'error' || status.status === 'cancelled') {
          await journal.close(entryId, { state: 'failed', error: { code: status.status, message: `Ozon reports the carriage as ${status.status}` } })
          await this.state(intent.batchId, { state: 'failed', message: `Ozon reports carriage ${carriageId} as ${status.status} — see the seller cabinet` })
          return
        }
        if (status.status !== 'ready') {
          await this.state(intent.batchId, { state: 'working', message: `Ozon is forming the documents (${status.status}); the station asks again by itself` })
          this.schedule(entryId)
          return
        }
        const onCarriage = (await client.actPostings(carriageId)).map((p) => p.posting_number)
        const pdf = await client.actPdf(carriageId)
        const actFile = await this.store.writeFile(`act-${carriageId}.pdf`, pdf)
        const batch = this.store.get(intent.batchId)
        const scanned = new Set(batch.packages.map((p) => p.postingNumber))
        const inCarriage = new Set([...onCarriage, ...status.added_to_act])
        const added = status.added_to_act.length > 0 ? status.added_to_act : onCarriage
        const next = [...new Set([...status.removed_from_act, ...[...scanned].filter((n) => !inCarriage.has(n))])].sort()
        const notScanned = [...inCarriage].filter((n) => !scanned.has(n) && !status.removed_from_act.includes(n)).sort()
        await this.store.change(intent.batchId, (b) => {
          b.actFile = actFile
          Object.assign(b.handover!, {
            state: 'done',
            actStatus: status.status,
            addedToAct: [...added].sort(),
            nextCarriage: next,
            notScanned,
            hasActPdf: true,
            message: next.length > 0 ? `${next.length} posting(s) moved by Ozon to the next carriage` : 'The act is ready',
          } satisfies Partial<HandoverState>)
        })
        await journal.close(entryId, { state: 'formed', result: { carriageId, added, next, notScanned } })
        this.tries.delete(entryId)
        await this.audit(entry, 'dispatch.act_ready', { carriageId, added: added.length, nextCarriage: next, notScanned })
        this.changed(intent.batchId)
      }
    } catch (err) {
      await this.failed(entryId, intent.batchId, err, carriageReason)
    }
  }

  private async pollAct(account: Account, carriageId: string) {
    const polls = this.opts.polls ?? 10
    let status = await account.client.actStatus(carriageId)
    for (let i = 1; i < polls && status.status !== 'ready' && status.status !== 'error' && status.status !== 'cancelled'; i++) {
      await new Promise((r) => setTimeout(r, this.opts.pollIntervalMs ?? 1_000))
      status = await account.client.actStatus(carriageId)
    }
    return status
  }

  // ─── Own delivery: status moves ────────────────────────────────────────────────────────────────────────

  private async delivery(entryId: string): Promise<void> {
    const { journal } = this.ctx
    let entry = journal.get(entryId)
    if (!entry || entry.closed) return
    const intent = DeliveryIntent.parse(entry.intent)
    const account = this.ctx.accounts.get(intent.accountId)
    if (!account) return this.wait(entry, intent.batchId, `The Ozon account ${intent.accountId} is not connected`)
    const repeated = entry.state === 'called'
    try {
      entry = await journal.advance(entryId, { state: 'called', attempts: entry.attempts + 1, error: null })
      await this.state(intent.batchId, { state: 'working', message: `Moving ${intent.postingNumbers.length} posting(s) to ${intent.step} at Ozon` })
      const call = { delivering: account.client.moveToDelivering, last_mile: account.client.moveToLastMile, delivered: account.client.moveToDelivered }[intent.step]
      let answer: ItemResult[] = await call.call(account.client, intent.postingNumbers)
      if (repeated || entry.attempts > 1) answer = await this.confirmRefusals(account, intent.step, answer)
      const ok = answer.filter((a) => a.ok).map((a) => a.posting_number)
      await this.ctx.orders.update((d) => {
        for (const n of ok) {
          const p = d.postings[postingKey(intent.accountId, n)]
          if (!p) continue
          if (intent.step === 'delivering') p.status = 'delivering'
          if (intent.step === 'last_mile') p.substatus = 'posting_transferred_to_courier_service'
          if (intent.step === 'delivered') p.status = 'delivered'
        }
      })
      const refused = answer.filter((a) => !a.ok)
      await this.store.change(intent.batchId, (b) => {
        const moves = b.handover!.moves.filter((m) => !(m.step === intent.step && answer.some((a) => a.posting_number === m.postingNumber)))
        for (const a of answer) moves.push({ postingNumber: a.posting_number, step: intent.step, ok: a.ok, error: a.ok ? '' : a.error })
        b.handover!.moves = moves
        b.handover!.state = refused.length === 0 ? 'done' : 'failed'
        b.handover!.message =
          refused.length === 0
            ? `${ok.length} posting(s) moved to ${intent.step}`
            : `Ozon refused ${refused.length} of ${answer.length}: ${refused.map((r) => `${r.posting_number} (${r.error})`).join(', ')}`
      })
      await journal.close(entryId, { state: 'done', result: answer })
      this.tries.delete(entryId)
      await this.audit(entry, `dispatch.${intent.step}`, { postings: ok, refused: refused.map((r) => ({ postingNumber: r.posting_number, reason: r.error })) })
      this.changed(intent.batchId)
    } catch (err) {
      await this.failed(entryId, intent.batchId, err, (code) => `Ozon refused the status change: ${code}`)
    }
  }

  /** After a repeated call, a refusal may only mean "already moved by the first call": read those postings again. */
  private async confirmRefusals(account: Account, step: MoveStep, answer: ItemResult[]): Promise<ItemResult[]> {
    const out: ItemResult[] = []
    for (const a of answer) {
      if (a.ok) {
        out.push(a)
        continue
      }
      const p = await account.client.getPosting(a.posting_number, { productExemplars: false }).catch(() => null)
      const moved =
        p !== null &&
        (step === 'delivering'
          ? ['delivering', 'delivered'].includes(p.status)
          : step === 'last_mile'
            ? p.substatus === 'posting_transferred_to_courier_service' || p.status === 'delivered'
            : p.status === 'delivered')
      out.push(moved ? { ...a, ok: true, error: '' } : a)
    }
    return out
  }

  // ─── shared ────────────────────────────────────────────────────────────────────────────────────────────

  private async failed(entryId: string, batchId: string, err: unknown, words: (code: string) => string): Promise<void> {
    const entry = this.ctx.journal.get(entryId)
    if (!entry) return
    const transient = !(err instanceof OzonError) || TRANSIENT.has(err.kind) || err.kind === 'auth' || err.kind === 'forbidden'
    if (transient) {
      if (!(err instanceof OzonError)) this.ctx.log.error('dispatch: hand-over step failed unexpectedly', { batchId, error: String(err) })
      const message = err instanceof OzonError ? err.human : 'The station could not finish the hand-over step; it will try again'
      await this.ctx.journal.advance(entryId, { error: { code: err instanceof OzonError ? err.kind : 'internal', message } })
      return this.wait(entry, batchId, message)
    }
    const code = err.ozonMessage || err.kind
    await this.ctx.journal.close(entryId, { state: 'failed', error: { code, message: words(code) } })
    this.tries.delete(entryId)
    await this.state(batchId, { state: 'failed', message: words(code) })
    await this.audit(entry, 'dispatch.handover_failed', { reason: code })
  }

  private async wait(entry: JournalEntry, batchId: string, message: string): Promise<void> {
    await this.state(batchId, { state: 'waiting', message })
    this.schedule(entry.id)
  }

  private schedule(entryId: string): void {
    if (this.closed || this.timers.has(entryId)) return
    const delays = this.opts.retryDelaysMs ?? [3_000, 10_000, 30_000, 60_000, 120_000, 300_000]
    const n = this.tries.get(entryId) ?? 0
    this.tries.set(entryId, n + 1)
    const timer = setTimeout(() => {
      this.timers.delete(entryId)
      void this.run(entryId).catch(() => undefined)
    }, delays[Math.min(n, delays.length - 1)] ?? 300_000)
    timer.unref()
    this.timers.set(entryId, timer)
  }

  private async state(batchId: string, patch: Partial<HandoverState>): Promise<void> {
    await this.store.setHandover(batchId, patch)
    this.changed(batchId)
  }

  private async audit(entry: JournalEntry, action: string, details: Record<string, unknown>): Promise<void> {
    await this.ctx.audit.append({ operator: entry.operator, bench: entry.bench, action, details: { batchId: entry.key, ...details } })
  }
}
