// Marking codes to Ozon (§6.5): create-or-get gives one exemplar id per unit, set sends the full set of codes,
// status says when Ozon's check is done. Packing stays blocked until Ozon reports `ship_available`.
import type { MarksState } from '../../../shared/contract/packing'
import type { PackingPlan } from '../../../shared/domain/packing-plan'
import type { Posting } from '../../../shared/domain/posting'
import type { OzonClient } from '../../ozon'

export interface MarksCheckOptions {
  /** Between two status reads while Ozon is checking (default 500 ms). */
  pollIntervalMs?: number
  /** Stop waiting after this long; the state stays `validation_in_process` (default 20 s). */
  waitMs?: number
  now: () => Date
}

/** Whether every marked unit of the posting has a scanned code. */
export function marksComplete(posting: Posting, plan: PackingPlan): boolean {
  return posting.items.filter((i) => i.requiresMarkingCode).every((i) => (plan.marks[String(i.sku)]?.length ?? 0) >= i.quantity)
}

export function needsMarks(posting: Posting): boolean {
  return posting.items.some((i) => i.requiresMarkingCode)
}

/** The marks state before anything is sent: not needed, or incomplete. */
export function initialMarks(posting: Posting): MarksState {
  return { status: needsMarks(posting) ? 'incomplete' : 'not_needed', rejected: [], checkedAt: null, message: null }
}

/** Sends every scanned code and waits (a bounded time) for Ozon's verdict. */
export async function sendMarks(client: OzonClient, posting: Posting, plan: PackingPlan, opts: MarksCheckOptions): Promise<MarksState> {
  const n = posting.postingNumber
  const slots = await client.exemplarsCreateOrGet(n)
  const products = slots
    .filter((p) => p.exemplars.length > 0)
    .map((p) => {
      const codes = plan.marks[String(p.product_id)] ?? []
      return {
        sku: p.product_id,
        exemplars: p.exemplars.map((e, i) => ({ exemplarId: e.exemplar_id, mark: codes[i], markType: 'mandatory_mark' as const })),
      }
    })
  await client.exemplarsSet(n, products, plan.multiBoxQty ?? undefined)
  return waitForVerdict(client, n, opts)
}

/** Reads Ozon's check until it is no longer in progress or the wait is over. */
export async function waitForVerdict(client: OzonClient, postingNumber: string, opts: MarksCheckOptions): Promise<MarksState> {
  const poll = opts.pollIntervalMs ?? 500
  const until = Date.now() + (opts.waitMs ?? 20_000)
  for (;;) {
    const s = await client.exemplarsStatus(postingNumber)
    const rejected = s.products.flatMap((p) =>
      p.exemplars.flatMap((e) => e.marks.filter((m) => m.check_status === 'failed').map((m) => ({ sku: p.product_id, code: m.mark, errors: m.error_codes }))),
    )
    const status = s.status === 'ship_available' || s.status === 'ship_not_available' || s.status === 'validation_in_process' ? s.status : 'ship_not_available'
    if (status !== 'validation_in_process' || Date.now() + poll > until) {
      return { status, rejected, checkedAt: opts.now().toISOString(), message: null }
    }
    await new Promise((r) => setTimeout(r, poll))
  }
}
