// Packing that is safe to repeat from the station's side (issue 3, §6.1, §11 step 5).
//
// Ozon's ship is not idempotent and its 200 is not final. So the station never ships blindly:
//   1. read the posting (with related postings) — it may already be packed, by us before a crash or elsewhere;
//   2. packed with exactly this plan → success, nothing is sent; packed differently → a clear error;
//   3. still awaiting packaging → ship once; numbers come from Ozon's answer (or, when the answer was lost,
//      from the posting's related_postings) — never derived;
//   4. poll until every resulting posting is packed (awaiting_deliver); `ship_failed` → ship again, a bounded
//      number of times; an ambiguous failure (timeout, 5xx, reset, garbled answer) → back to step 1.
import { type MethodContext } from './context'
import { ALREADY_PACKED_REASONS, OzonError } from './errors'
import { checkPlan, ship, type PackagePlan } from './methods/packing'
import { getPosting } from './methods/postings'
import type { OzonPosting } from './schemas/posting'

export interface ShipIdempotentOptions {
  /** Between two reads while Ozon is still packing (default 1000 ms). */
  pollIntervalMs?: number
  /** Give up waiting for Ozon's confirmation after this long (default 120 s). */
  timeoutMs?: number
  /** How many times ship may be sent in total (first try + retries after ship_failed; default 3). */
  maxShipCalls?: number
}

export interface PackedPosting {
  posting_number: string
  status: string
  products: { sku: number; quantity: number }[]
}

export interface ShipOutcome {
  /** One entry per package of the plan, in plan order. */
  postings: PackedPosting[]
  /** How many ship calls this run sent (0 when it found the posting already packed with this plan). */
  shipCalls: number
  /** True when an earlier run (or another bench) had already packed or started packing it with this plan. */
  resumed: boolean
}

type PlanState =
  | { kind: 'unpacked'; origin: OzonPosting }
  | { kind: 'in_progress'; members: OzonPosting[] }
  | { kind: 'packed'; members: OzonPosting[] }
  | { kind: 'different'; members: OzonPosting[] }
  | { kind: 'cancelled'; origin: OzonPosting }

const contentKey = (lines: { sku: number; quantity: number }[]) =>
  lines
    .map((l) => `${l.sku}x${l.quantity}`)
    .sort()
    .join(',')

function sameContents(members: OzonPosting[], plan: PackagePlan[]): boolean {
  const a = members.map((p) => contentKey(p.products)).sort()
  const b = plan.map((p) => contentKey(mergeLines(p.products))).sort()
  return a.length === b.length && a.every((k, i) => k === b[i])
}

function mergeLines(lines: { sku: number; quantity: number }[]): { sku: number; quantity: number }[] {
  const m = new Map<number, number>()
  for (const l of lines) m.set(l.sku, (m.get(l.sku) ?? 0) + l.quantity)
  return [...m].map(([sku, quantity]) => ({ sku, quantity }))
}

/** Reads the posting and everything it was split into. */
async function readPlan(ctx: MethodContext, postingNumber: string, plan: PackagePlan[]): Promise<PlanState> {
  const origin = await getPosting(ctx, postingNumber, { relatedPostings: true, barcodes: false, productExemplars: false })
  if (origin.status === 'cancelled') return { kind: 'cancelled', origin }
  const related = origin.related_postings?.related_posting_numbers ?? []
  const members: OzonPosting[] = origin.status === 'cancelled_from_split_pending' ? [] : [origin]
  for (const n of related) {
    if (n === origin.posting_number) continue
    try {
      members.push(await getPosting(ctx, n, { relatedPostings: false, barcodes: false, productExemplars: false }))
    } catch (e) {
      // A child can vanish between two reads when Ozon rolls a failed split back: read again later.
      if (e instanceof OzonError && e.kind === 'not_found') return { kind: 'in_progress', members }
      throw e
    }
  }
  const inProgress = members.some((p) => p.available_actions.includes('ship_async_in_process') || p.substatus === 'posting_split_pending')
  if (inProgress) return { kind: 'in_progress', members }
  const packed = ctx.variants.packedStatuses
  if (members.length > 0 && members.every((p) => packed.includes(p.status))) return { kind: sameContents(members, plan) ? 'packed' : 'different', members }
  if (origin.status === 'awaiting_packaging' && related.length === 0) return { kind: 'unpacked', origin }
  return { kind: 'different', members }
}

/** Orders the packed postings like the plan's packages (matching by contents). */
function inPlanOrder(members: OzonPosting[], plan: PackagePlan[]): PackedPosting[] {
  const left = [...members]
  return plan.map((pkg) => {
    const key = contentKey(mergeLines(pkg.products))
    const i = left.findIndex((p) => contentKey(p.products) === key)
    const [p] = left.splice(i, 1)
    return { posting_number: p!.posting_number, status: p!.status, products: p!.products.map((l) => ({ sku: l.sku, quantity: l.quantity })) }
  })
}

function refusal(ctx: MethodContext, postingNumber: string, reason: string): OzonError {
  return new OzonError({ kind: 'business', httpStatus: null, code: null, ozonMessage: reason, method: '/v4/posting/fbs/ship', retryable: false, locale: ctx.locale, subject: postingNumber })
}

export async function shipIdempotent(ctx: MethodContext, postingNumber: string, plan: PackagePlan[], opts: ShipIdempotentOptions = {}): Promise<ShipOutcome> {
  checkPlan(postingNumber, plan)
  const poll = opts.pollIntervalMs ?? 1000
  const deadline = ctx.clock.now() + (opts.timeoutMs ?? 120_000)
  const maxShipCalls = opts.maxShipCalls ?? 3
  let shipCalls = 0
  let lastFailure: OzonError | null = null

  for (;;) {
    const state = await readPlan(ctx, postingNumber, plan)
    switch (state.kind) {
      case 'packed':
        return { postings: inPlanOrder(state.members, plan), shipCalls, resumed: shipCalls === 0 }
      case 'cancelled':
        throw refusal(ctx, postingNumber, 'POSTING_ALREADY_CANCELLED')
      case 'different':
        // Packed (or split) with another plan — by another bench or in the seller cabinet. Nothing to undo here.
        throw refusal(ctx, postingNumber, 'PACKED_WITH_ANOTHER_PLAN')
      case 'in_progress':
        if (state.members.length > 0 && !sameContents(state.members, plan) && state.members.every((p) => p.substatus === 'posting_split_pending'))
          throw refusal(ctx, postingNumber, 'PACKED_WITH_ANOTHER_PLAN')
        break
      case 'unpacked': {
        if (state.origin.substatus === 'ship_failed' && shipCalls > 0) ctx.logger.warn('ozon ship failed asynchronously, shipping again', { postingNumber, shipCalls })
        if (shipCalls >= maxShipCalls) throw lastFailure ?? refusal(ctx, postingNumber, 'ship_failed')
        shipCalls++
        try {
          const answer = await ship(ctx, postingNumber, plan)
          ctx.logger.info('ozon ship accepted', { postingNumber, postingNumbers: answer.postingNumbers })
          continue // read again at once: with a fast Ozon the packing is already done
        } catch (e) {
          if (!(e instanceof OzonError)) throw e
          const ambiguous = e.outcomeUnknown || (ALREADY_PACKED_REASONS as readonly string[]).includes(e.ozonMessage)
          if (!ambiguous) throw e
          lastFailure = e
          ctx.logger.warn('ozon ship answer unclear, re-reading the posting', { postingNumber, kind: e.kind, ozonMessage: e.ozonMessage })
          continue
        }
      }
    }
    if (ctx.clock.now() + poll > deadline) {
      throw new OzonError({
        kind: 'timeout',
        httpStatus: null,
        code: null,
        ozonMessage: `packing not confirmed by Ozon within ${Math.round((opts.timeoutMs ?? 120_000) / 1000)} s`,
        method: '/v4/posting/fbs/ship',
        retryable: true,
        outcomeUnknown: true,
        locale: ctx.locale,
        subject: postingNumber,
      })
    }
    await ctx.clock.sleep(poll)
  }
}
