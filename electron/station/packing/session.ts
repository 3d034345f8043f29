// What the packing screen gets back from every method: the draft, the bench settings it follows, the plan's
// check (the same rules the core applies on "Package the order"), and the state of the ship operation.
import type { PackingSession } from '../../../shared/contract/packing'
import { DEFAULT_GS_STAND_IN } from '../../../shared/domain/packing-marks'
import { validatePlan, type MarksStatus, type PlanCheck } from '../../../shared/domain/packing-validation'
import type { BenchProfile } from '../../../shared/domain/settings'
import type { JournalEntry } from '../../store'
import type { ProductCatalog } from './catalog'
import type { Draft } from './document'

export function checkDraft(draft: Draft, bench: Pick<BenchProfile, 'verification'>): PlanCheck {
  if (draft.state === 'packed') return { errors: [], warnings: [] }
  return validatePlan({ posting: draft.posting, plan: draft.plan, verification: bench.verification, marksStatus: marksForValidation(draft) })
}

function marksForValidation(draft: Draft): MarksStatus {
  const s = draft.marks.status
  return s === 'ship_available' || s === 'ship_not_available' || s === 'validation_in_process' || s === 'sending' ? s : null
}

export function sessionOf(draft: Draft, deps: { bench: BenchProfile; catalog: ProductCatalog; entry: JournalEntry | undefined }): PackingSession {
  const { bench, entry } = deps
  return {
    accountId: draft.accountId,
    postingNumber: draft.postingNumber,
    posting: draft.posting,
    products: deps.catalog.products(draft.accountId, draft.posting.items),
    plan: draft.plan,
    state: draft.state,
    check: checkDraft(draft, bench),
    verification: bench.verification,
    timeZone: bench.timeZone,
    sounds: { enabled: bench.sounds.enabled, volume: bench.sounds.volume },
    gsStandIn: DEFAULT_GS_STAND_IN,
    marks: draft.marks,
    operation: entry ? { state: entry.state, attempts: entry.attempts, startedAt: entry.createdAt, error: entry.error } : null,
    result: draft.result,
    lastError: draft.lastError,
    stale: draft.stale,
    updatedAt: draft.updatedAt,
  }
}
