// "Package the order" as a journaled operation (kind `ship`, key = posting number):
//
//   intent     the plan is written to the journal durably before anything is sent;
//   called     recorded once the box count is set, just before Ozon is asked — from here on Ozon may have
//              packed it (a resumed run neither sets the boxes again nor counts as the first attempt);
//   confirmed  the orders document, the draft, the audit log and `packing.shipped` are updated, then the entry
//              is closed with Ozon's resulting postings (taken from Ozon, never derived).
//
// Ozon's side of "never ship twice" is the client's shipIdempotent (re-read, ship once, wait for awaiting_deliver,
// ship again on ship_failed, treat "already packed with this plan" as success). This module is the station's
// side: after a crash, a lost connection or a restart the open entry is resumed, and the resumed run goes through
// shipIdempotent again, which reads the posting before it sends anything. So Ozon's answer needs no journal
// write of its own: a station that stops between the answer and the close learns it again by that read.
import { z } from 'zod'
import type { PackedPackage, PackingResult } from '../../../shared/contract/packing'
import { StationError } from '../../../shared/errors'
import type { Posting } from '../../../shared/domain/posting'
import { OzonError } from '../../ozon'
import type { JournalEntry } from '../../store'
import type { Account } from '../accounts'
import type { StationContext } from '../context'
import { postingKey } from '../orders/document'
import { postingFromOzon } from '../orders/from-ozon'
import { NO_MARKS, type Draft } from './document'
import type { DraftStore } from './drafts'

export const SHIP_KIND = 'ship'

export const ShipIntent = z.object({
  accountId: z.string(),
  postingNumber: z.string(),
  orderNumber: z.string(),
  packages: z.array(z.object({ products: z.array(z.object({ sku: z.number().int(), quantity: z.number().int().positive() })) })).min(1),
  multiBoxQty: z.number().int().positive().nullable(),
})
export type ShipIntent = z.infer<typeof ShipIntent>

/** Ozon's answer, as the closed entry keeps it (`result`); packed-at and the labels area read it from there. */
interface ShipReply {
  postings: { posting_number: string; status: string; products: { sku: number; quantity: number }[] }[]
  shipCalls: number
  resumed: boolean
}

/** Points of a run a test can stop at: after the intent or `called` was recorded, and once Ozon has answered. */
export type ShipStep = 'intent' | 'called' | 'replied'

export interface ShipOperationsOptions {
  /** Between two reads while Ozon is still packing. */
  pollIntervalMs?: number
  /** How long one run waits for Ozon's confirmation before it counts as "not answered yet". */
  confirmTimeoutMs?: number
  /** After a run ended without an answer from Ozon, the station tries again by itself after these delays. */
  retryDelaysMs?: number[]
  /**
   * Called at each point of a run (see ShipStep). Tests stop here (a promise that never settles) to simulate a
   * crash at exactly that point; the station never sets it.
   */
  checkpoint?: (step: ShipStep, entry: JournalEntry) => Promise<void>
}

const TRANSIENT = new Set(['network', 'timeout', 'server', 'rate_limit', 'malformed'])

/** Ozon reasons after which the plan can be fixed and sent again (not a lost or ambiguous call). */
const PACKED_ELSEWHERE = 'PACKED_WITH_ANOTHER_PLAN'

export class ShipOperations {
  private readonly running = new Map<string, Promise<void>>()
  private readonly timers = new Map<string, NodeJS.Timeout>()
  private readonly retryCount = new Map<string, number>()
  private closed = false

  constructor(
    private readonly ctx: StationContext,
    private readonly drafts: DraftStore,
    private readonly opts: ShipOperationsOptions = {},
  ) {}

  /** The open operation for a posting, if one is waiting to be finished. */
  openEntry(accountId: string, postingNumber: string): JournalEntry | undefined {
    return this.ctx.journal.openEntries(SHIP_KIND).find((e) => e.key === postingNumber && intentOf(e)?.accountId === accountId)
  }

  /** Writes the intent durably; only then may the operation run. */
  async begin(draft: Draft, packages: ShipIntent['packages']): Promise<JournalEntry> {
    const { operator, bench } = this.ctx.actor()
    const intent: ShipIntent = {
      accountId: draft.accountId,
      postingNumber: draft.postingNumber,
      orderNumber: draft.posting.orderNumber,
      packages,
      multiBoxQty: draft.posting.isMultibox ? draft.plan.multiBoxQty : null,
    }
    return this.ctx.journal.begin({ kind: SHIP_KIND, key: draft.postingNumber, intent, operator, bench })
  }

  /** Runs (or joins) the operation of an entry until it is closed or waits for Ozon. */
  run(entryId: string): Promise<void> {
    const already = this.running.get(entryId)
    if (already) return already
    this.clearRetry(entryId)
    const p = this.execute(entryId).finally(() => this.running.delete(entryId))
    this.running.set(entryId, p)
    return p
  }

  /** On start: every ship that was under way when the station stopped is finished now. */
  resumeOpen(): void {
    for (const entry of this.ctx.journal.openEntries(SHIP_KIND)) {
      this.ctx.log.info('resuming an interrupted "Package the order"', { postingNumber: entry.key, state: entry.state })
      void this.run(entry.id).catch((err: unknown) => this.ctx.log.error('resume of a ship failed', { postingNumber: entry.key, error: String(err) }))
    }
  }

  /** Stops the retry timers and waits a little for runs in progress. */
  async close(): Promise<void> {
    this.closed = true
    for (const t of this.timers.values()) clearTimeout(t)
    this.timers.clear()
    const waiting = [...this.running.values()].map((p) => p.catch(() => undefined))
    await Promise.race([Promise.all(waiting), new Promise((r) => setTimeout(r, 5_000).unref())])
  }

  private async execute(entryId: string): Promise<void> {
    const { journal } = this.ctx
    let entry = journal.get(entryId)
    if (!entry || entry.closed) return
    const intent = intentOf(entry)
    if (!intent) {
      await journal.close(entryId, { state: 'failed', error: { code: 'bad_intent', message: 'The recorded plan cannot be read' } })
      return
    }
    const account = this.ctx.accounts.get(intent.accountId)
    if (!account) {
      await this.waitForOzon(entry, intent, `The Ozon account ${intent.accountId} is not connected`)
      return
    }

    try {
      if (entry.state === 'intent') {
        await this.checkpoint('intent', entry)
        if (intent.multiBoxQty) await setBoxes(account, intent)
        entry = await journal.advance(entryId, { state: 'called', attempts: entry.attempts + 1, error: null })
        this.progress(intent, 'called')
        await this.checkpoint('called', entry)
      } else {
        // Resumed: Ozon may or may not have it; shipIdempotent reads the posting before it sends anything.
        entry = await journal.advance(entryId, { attempts: entry.attempts + 1, error: null })
      }
      const outcome = await account.client.shipIdempotent(intent.postingNumber, intent.packages, {
        pollIntervalMs: this.opts.pollIntervalMs ?? 500,
        timeoutMs: this.opts.confirmTimeoutMs ?? 120_000,
      })
      const reply: ShipReply = {
        postings: outcome.postings.map((p) => ({ posting_number: p.posting_number, status: p.status, products: p.products })),
        shipCalls: outcome.shipCalls,
        resumed: outcome.resumed,
      }
      this.progress(intent, 'replied')
      await this.checkpoint('replied', entry)
      await this.finish(entry, intent, account, reply, false)
    } catch (err) {
      await this.fail(entry, intent, account, err)
    }
  }

  /** Records the packed postings everywhere the station keeps them, then closes the entry. */
  private async finish(entry: JournalEntry, intent: ShipIntent, account: Account, reply: ShipReply, packedElsewhere: boolean): Promise<void> {
    const draft = this.drafts.get(intent.accountId, intent.postingNumber) ?? (await this.draftFromOzon(account, intent))
    const nameOf = (sku: number) => draft.posting.items.find((i) => i.sku === sku)
    const count = reply.postings.length
    const packages: PackedPackage[] = reply.postings.map((p, i) => ({
      index: i + 1,
      count,
      postingNumber: p.posting_number,
      status: p.status,
      items: p.products.map((l) => ({ sku: l.sku, quantity: l.quantity, offerId: nameOf(l.sku)?.offerId ?? String(l.sku), name: nameOf(l.sku)?.name ?? '' })),
    }))
    const packedAt = this.ctx.now().toISOString()
    // The inbox and the draft first (a crash before the entry is closed repeats this step, which is harmless)…
    const fresh = await this.readPacked(account, intent.postingNumber, packages)
    for (const pkg of packages) pkg.status = fresh.get(pkg.postingNumber)?.status ?? pkg.status
    const result: PackingResult = {
      packedAt,
      packages,
      shipCalls: reply.shipCalls,
      resumed: reply.resumed || entry.attempts > 1,
      packedElsewhere,
    }
    const original = fresh.get(intent.postingNumber)
    await Promise.all([
      this.writeOrders(account, fresh),
      this.drafts.save({ ...draft, state: 'packed', result, lastError: null, posting: original ?? draft.posting }),
    ])
    this.retryCount.delete(entry.id)

    // …then the news, at least once: labels and printing start from this event (and dedupe by operationId).
    // A posting packed by someone else is theirs to label.
    const { operator, bench } = entry
    if (!packedElsewhere) {
      this.ctx.events.emit('packing.shipped', {
        operationId: entry.id,
        accountId: intent.accountId,
        postingNumber: intent.postingNumber,
        orderNumber: intent.orderNumber,
        packedAt,
        operator,
        bench,
        packages,
      })
    }
    this.progress(intent, 'confirmed')
    this.changed(intent, 'packed')
    // …and last the journal, with the audit line written alongside.
    await Promise.all([
      this.ctx.journal.close(entry.id, { state: 'confirmed', result: reply }),
      this.ctx.audit.append({
        operator,
        bench,
        action: packedElsewhere ? 'packing.packed_elsewhere' : 'packing.shipped',
        postingNumber: intent.postingNumber,
        details: { postings: packages.map((p) => p.postingNumber), shipCalls: reply.shipCalls, attempts: entry.attempts, resumed: result.resumed, operationId: entry.id },
      }),
    ])
  }

  private async fail(entry: JournalEntry, intent: ShipIntent, account: Account, err: unknown): Promise<void> {
    const current = this.ctx.journal.get(entry.id) ?? entry
    if (err instanceof OzonError && err.ozonMessage === PACKED_ELSEWHERE) {
      // Ozon has it packed with another plan (seller cabinet, another bench): show it as Ozon has it.
      const actual = await readActual(account, intent.postingNumber).catch(() => null)
      if (actual) {
        await this.finish(current, intent, account, { postings: actual, shipCalls: 0, resumed: true }, true)
        return
      }
    }
    const definitive = err instanceof RangeError || (err instanceof OzonError && !TRANSIENT.has(err.kind) && !err.outcomeUnknown)
    if (!definitive) {
      // Nobody knows yet whether Ozon packed it: keep the entry open and try again later; nothing is lost.
      const message = err instanceof OzonError ? err.human : 'The station could not finish packaging; it will try again'
      if (!(err instanceof OzonError)) this.ctx.log.error('ship operation failed unexpectedly', { postingNumber: intent.postingNumber, error: errorText(err) })
      await this.ctx.journal.advance(current.id, { error: { code: err instanceof OzonError ? err.kind : 'internal', message } })
      await this.waitForOzon(current, intent, message)
      return
    }
    // Ozon refused for a reason the packer must act on (wrong quantities, cancelled, codes missing…).
    const error = err instanceof OzonError ? { code: err.ozonMessage || err.kind, message: err.human } : { code: 'bad_plan', message: (err as Error).message }
    await this.ctx.journal.close(current.id, { state: 'failed', error })
    this.retryCount.delete(current.id)
    const draft = this.drafts.get(intent.accountId, intent.postingNumber)
    if (draft) {
      const posting = await account.client
        .getPosting(intent.postingNumber)
        .then((p) => postingFromOzon(p, intent.accountId, this.ctx.now().toISOString()))
        .catch(() => draft.posting)
      await this.drafts.save({ ...draft, state: 'failed', lastError: error, posting })
    }
    await this.ctx.audit.append({
      operator: current.operator,
      bench: current.bench,
      action: 'packing.ship_failed',
      postingNumber: intent.postingNumber,
      details: { reason: error.code, message: error.message },
    })
    this.progress(intent, 'failed', error.message)
    this.changed(intent, 'failed')
  }

  /** The entry stays open; the draft says so; the station tries again by itself after a while. */
  private async waitForOzon(entry: JournalEntry, intent: ShipIntent, message: string): Promise<void> {
    const draft = this.drafts.get(intent.accountId, intent.postingNumber)
    if (draft) await this.drafts.save({ ...draft, state: 'shipping', lastError: { code: 'waiting_for_ozon', message } })
    this.progress(intent, 'waiting', message)
    this.changed(intent, 'shipping')
    this.scheduleRetry(entry.id)
  }

  private scheduleRetry(entryId: string): void {
    if (this.closed) return
    const delays = this.opts.retryDelaysMs ?? [5_000, 15_000, 30_000, 60_000, 120_000, 300_000]
    const n = this.retryCount.get(entryId) ?? 0
    this.retryCount.set(entryId, n + 1)
    const delay = delays[Math.min(n, delays.length - 1)] ?? 300_000
    const timer = setTimeout(() => {
      this.timers.delete(entryId)
      void this.run(entryId).catch(() => undefined)
    }, delay)
    timer.unref()
    this.timers.set(entryId, timer)
  }

  private clearRetry(entryId: string): void {
    const t = this.timers.get(entryId)
    if (t) clearTimeout(t)
    this.timers.delete(entryId)
  }

  /**
   * The original posting and every resulting one as Ozon has them now (read side by side). A read that fails
   * leaves that posting to the next sync.
   */
  private async readPacked(account: Account, original: string, packages: PackedPackage[]): Promise<Map<string, Posting>> {
    const numbers = [...new Set([original, ...packages.map((p) => p.postingNumber)])]
    const syncedAt = this.ctx.now().toISOString()
    const fresh = new Map<string, Posting>()
    await Promise.all(
      numbers.map(async (n) => {
        try {
          fresh.set(n, postingFromOzon(await account.client.getPosting(n, { productExemplars: false, relatedPostings: false }), account.id, syncedAt))
        } catch (err) {
          this.ctx.log.warn('packed posting could not be re-read; the next sync brings it', { postingNumber: n, error: String(err) })
        }
      }),
    )
    return fresh
  }

  /** Puts them into the orders document so the inbox shows them before the next sync. */
  private async writeOrders(account: Account, fresh: Map<string, Posting>): Promise<void> {
    if (fresh.size === 0) return
    await this.ctx.orders.update((d) => {
      for (const [n, p] of fresh) d.postings[postingKey(account.id, n)] = p
    })
  }

  /** A draft for an entry whose draft is gone (e.g. the packing file was restored from an older copy). */
  private async draftFromOzon(account: Account, intent: ShipIntent): Promise<Draft> {
    const at = this.ctx.now().toISOString()
    const posting = postingFromOzon(await account.client.getPosting(intent.postingNumber), account.id, at)
    return {
      accountId: account.id,
      postingNumber: intent.postingNumber,
      posting,
      plan: {
        packages: intent.packages.map((p) => ({ lines: p.products.map((l) => ({ sku: l.sku, quantity: l.quantity, verified: 0, manual: 0 })) })),
        active: null,
        marks: {},
        multiBoxQty: intent.multiBoxQty,
      },
      state: 'shipping',
      marks: NO_MARKS,
      result: null,
      lastError: null,
      stale: false,
      openedAt: at,
      updatedAt: at,
    }
  }

  private async checkpoint(step: ShipStep, entry: JournalEntry): Promise<void> {
    if (this.opts.checkpoint) await this.opts.checkpoint(step, entry)
  }

  private progress(intent: ShipIntent, stage: 'called' | 'replied' | 'confirmed' | 'failed' | 'waiting', message?: string): void {
    this.ctx.events.emit('packing.progress', { accountId: intent.accountId, postingNumber: intent.postingNumber, stage, ...(message ? { message } : {}) })
  }

  private changed(intent: ShipIntent, state: 'packed' | 'failed' | 'shipping'): void {
    this.ctx.events.emit('packing.changed', { accountId: intent.accountId, postingNumber: intent.postingNumber, state, what: 'ship' })
  }
}

export function intentOf(entry: JournalEntry): ShipIntent | null {
  const parsed = ShipIntent.safeParse(entry.intent)
  return parsed.success ? parsed.data : null
}

/** Box count first (§6.4); a posting already packed (by our earlier run) no longer takes it, which is fine. */
async function setBoxes(account: Account, intent: ShipIntent): Promise<void> {
  try {
    await account.client.setMultiBoxQty(intent.postingNumber, intent.multiBoxQty!)
  } catch (err) {
    if (err instanceof OzonError && ['POSTING_ALREADY_SHIPPED', 'HAS_INCORRECT_STATUS'].includes(err.ozonMessage)) return
    throw err
  }
}

/** The postings a posting was actually packed into at Ozon (itself and/or what it was split into). */
async function readActual(account: Account, postingNumber: string): Promise<ShipReply['postings']> {
  const origin = await account.client.getPosting(postingNumber, { relatedPostings: true, productExemplars: false })
  const related = origin.related_postings?.related_posting_numbers ?? []
  const members = origin.status === 'cancelled_from_split_pending' ? [] : [origin]
  for (const n of related) if (n !== postingNumber) members.push(await account.client.getPosting(n, { productExemplars: false }))
  return members.map((p) => ({ posting_number: p.posting_number, status: p.status, products: p.products.map((l) => ({ sku: l.sku, quantity: l.quantity })) }))
}

function errorText(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err)
}

/** The error a packer sees when "Package the order" is pressed on a plan that is not ready. */
export function planNotReady(postingNumber: string, violations: { code: string; message: string }[]): StationError {
  return new StationError({
    code: 'conflict',
    message: `Posting ${postingNumber} cannot be packaged yet: ${violations.map((v) => v.message).join('; ')}`,
    key: 'packing:errors.planNotReady',
    params: { postingNumber, count: violations.length },
    details: { violations },
  })
}
