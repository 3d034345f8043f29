// Whether a packing plan may be sent to Ozon, and if not, why — in terms a packer can act on. The screen shows
// these before "Package the order"; the core runs the same check again when the button is pressed (the UI is
// never trusted). Each violation has a stable code and params for the UI's translations, and an English message
// for logs and API clients.
import { orderedQuantities, plannedQuantities, verifiedQuantities, type PackingPlan } from './packing-plan'

export type ViolationCode =
  | 'not_packable'
  | 'unit_missing'
  | 'unit_extra'
  | 'unknown_item'
  | 'empty_package'
  | 'bad_line'
  | 'not_verified'
  | 'marks_missing'
  | 'marks_pending'
  | 'marks_rejected'
  | 'multibox_missing'

export interface PlanViolation {
  code: ViolationCode
  message: string
  params: Record<string, string | number>
}

export interface PlanCheck {
  /** Block "Package the order". */
  errors: PlanViolation[]
  /** Shown, but do not block (e.g. unverified units when verification is advisory). */
  warnings: PlanViolation[]
}

export interface ValidationPosting {
  postingNumber: string
  status: string
  isMultibox: boolean
  items: readonly { sku: number; offerId: string; quantity: number; requiresMarkingCode: boolean }[]
}

/**
 * Where Ozon's check of the marking codes stands (`/v5/fbs/posting/product/exemplar/status`):
 * null until the codes were sent.
 */
export type MarksStatus = 'ship_available' | 'ship_not_available' | 'validation_in_process' | 'sending' | null

export interface ValidationInput {
  posting: ValidationPosting
  plan: PackingPlan
  verification: 'required' | 'advisory'
  marksStatus?: MarksStatus
}

export function validatePlan({ posting, plan, verification, marksStatus = null }: ValidationInput): PlanCheck {
  const errors: PlanViolation[] = []
  const warnings: PlanViolation[] = []
  const offerOf = (sku: number) => posting.items.find((i) => i.sku === sku)?.offerId ?? String(sku)

  if (posting.status !== 'awaiting_packaging') {
    errors.push(v('not_packable', `Posting ${posting.postingNumber} is "${posting.status}", only "awaiting_packaging" can be packed`, { status: posting.status }))
  }

  const ordered = orderedQuantities(posting.items)
  const planned = plannedQuantities(plan)
  for (const [sku, want] of ordered) {
    const got = planned.get(sku) ?? 0
    if (got < want) errors.push(v('unit_missing', `${want - got} of ${offerOf(sku)} are in no package`, { sku, offerId: offerOf(sku), count: want - got }))
    if (got > want) errors.push(v('unit_extra', `Packages hold ${got - want} more of ${offerOf(sku)} than ordered`, { sku, offerId: offerOf(sku), count: got - want }))
  }
  for (const sku of planned.keys()) {
    if (!ordered.has(sku)) errors.push(v('unknown_item', `SKU ${sku} is in a package but not in the posting`, { sku }))
  }

  plan.packages.forEach((p, i) => {
    if (p.lines.length === 0 || p.lines.every((l) => l.quantity === 0)) {
      errors.push(v('empty_package', `Package ${i + 1} is empty: put something in it or leave it out`, { package: i + 1 }))
    }
    const seen = new Set<number>()
    for (const l of p.lines) {
      if (seen.has(l.sku) || l.verified > l.quantity || l.manual > l.verified) {
        errors.push(v('bad_line', `Package ${i + 1} has an inconsistent line for ${offerOf(l.sku)}`, { package: i + 1, sku: l.sku, offerId: offerOf(l.sku) }))
      }
      seen.add(l.sku)
    }
  })

  const verified = verifiedQuantities(plan)
  for (const [sku, want] of ordered) {
    const missing = want - Math.min(want, verified.get(sku) ?? 0)
    if (missing > 0) {
      const violation = v('not_verified', `${missing} of ${offerOf(sku)} not verified by a scan yet`, { sku, offerId: offerOf(sku), count: missing })
      ;(verification === 'required' ? errors : warnings).push(violation)
    }
  }

  const marked = posting.items.filter((i) => i.requiresMarkingCode)
  let marksComplete = true
  for (const item of marked) {
    const have = plan.marks[String(item.sku)]?.length ?? 0
    const want = ordered.get(item.sku) ?? 0
    if (have < want) {
      marksComplete = false
      errors.push(v('marks_missing', `${want - have} marking codes of ${item.offerId} still to scan`, { sku: item.sku, offerId: item.offerId, count: want - have }))
    }
  }
  if (marked.length > 0 && marksComplete && marksStatus !== 'ship_available') {
    if (marksStatus === 'ship_not_available') {
      errors.push(v('marks_rejected', 'Ozon did not accept some marking codes: rescan the rejected ones', {}))
    } else {
      errors.push(v('marks_pending', 'Ozon is still checking the marking codes', { status: marksStatus ?? 'not_sent' }))
    }
  }

  if (posting.isMultibox && plan.multiBoxQty === null) {
    errors.push(v('multibox_missing', 'This is a multi-box posting: enter the number of boxes', {}))
  }
  return { errors, warnings }
}

function v(code: ViolationCode, message: string, params: Record<string, string | number>): PlanViolation {
  return { code, message, params }
}
