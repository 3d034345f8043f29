// A scan on the packing screen, applied to a draft: the pure matching (shared/domain/packing-scan) decides what
// the code is, the plan operations count the unit or record the marking code, and anything wrong becomes an
// outcome that names what was scanned and what the bench still expects — and counts nothing.
import type { ScanOutcome } from '../../../shared/contract/packing'
import { GS } from '../../../shared/domain/packing-marks'
import { addMark, PlanError, verifyUnit, type PackingPlan } from '../../../shared/domain/packing-plan'
import { interpretScan, remainingToVerify } from '../../../shared/domain/packing-scan'
import type { ProductCatalog } from './catalog'
import type { Draft } from './document'

export interface AppliedScan {
  outcome: ScanOutcome
  /** The new plan when the scan counted something; null when nothing changed. */
  plan: PackingPlan | null
}

/** How a code is shown to the packer: the invisible GS as ␝. */
export function shownCode(code: string): string {
  return code.split(GS).join('␝').slice(0, 200)
}

export function applyScan(draft: Draft, raw: string, deps: { catalog: ProductCatalog; selectedSku?: number | null; gsStandIn: string }): AppliedScan {
  const { posting, plan } = draft
  const items = posting.items
  const match = interpretScan(raw, {
    items,
    barcodes: deps.catalog.barcodeBook(draft.accountId, items),
    otherProduct: (code) => deps.catalog.other(draft.accountId, code, items.map((i) => i.sku)),
    selectedSku: deps.selectedSku ?? null,
    gsStandIn: deps.gsStandIn,
  })
  const expected = () => remainingToVerify(items, items, plan)
  const itemOf = (sku: number) => items.find((i) => i.sku === sku)
  const base = (ok: boolean, kind: ScanOutcome['kind'], message: string, extra: Partial<ScanOutcome> = {}): ScanOutcome => ({
    ok,
    kind,
    code: shownCode(match.code),
    expected: expected(),
    message,
    ...extra,
  })

  switch (match.kind) {
    case 'unit':
    case 'mark': {
      const item = itemOf(match.sku)!
      const about = { sku: item.sku, offerId: item.offerId, name: item.name }
      try {
        if (match.kind === 'unit') {
          const r = verifyUnit(plan, items, match.sku)
          return { plan: r.plan, outcome: base(true, 'unit', `${item.offerId}: one unit verified`, { ...about, packageIndex: r.packageIndex, expected: remainingToVerify(items, items, r.plan) }) }
        }
        const r = addMark(plan, items, match.sku, match.code)
        return { plan: r.plan, outcome: base(true, 'mark', `${item.offerId}: marking code recorded`, { ...about, packageIndex: r.packageIndex, expected: remainingToVerify(items, items, r.plan) }) }
      } catch (err) {
        if (!(err instanceof PlanError)) throw err
        const kind = err.code === 'already_complete' || err.code === 'marks_complete' || err.code === 'duplicate_mark' ? err.code : 'already_complete'
        const why =
          kind === 'duplicate_mark'
            ? 'this marking code was already scanned'
            : kind === 'marks_complete'
              ? `all ${item.quantity} marking codes of ${item.offerId} are already scanned`
              : `all ${item.quantity} of ${item.offerId} are already verified`
        return { plan: null, outcome: base(false, kind, `Scanned ${shownCode(match.code)}: ${why}`, about) }
      }
    }
    case 'posting': {
      const same = match.code === posting.postingNumber || match.code === posting.labelBarcodes?.upper || match.code === posting.labelBarcodes?.lower
      return same
        ? { plan: null, outcome: base(true, 'same_posting', `${posting.postingNumber} is already open`, { openPostingNumber: posting.postingNumber }) }
        : { plan: null, outcome: base(true, 'open_posting', `Opening ${match.code}`, { openPostingNumber: match.code }) }
    }
    case 'other_product':
      return {
        plan: null,
        outcome: base(false, 'wrong_item', `Wrong item: scanned ${match.product.offerId} (${match.product.name}), which is not in posting ${posting.postingNumber}`, {
          sku: match.product.sku,
          offerId: match.product.offerId,
          name: match.product.name,
        }),
      }
    case 'mark_foreign':
      return { plan: null, outcome: base(false, 'wrong_item', `Wrong item: the marking code belongs to GTIN ${match.gtin}, which is not in posting ${posting.postingNumber}`) }
    case 'bad_mark':
      return { plan: null, outcome: base(false, 'bad_mark', `Scanned ${shownCode(match.code)}: ${match.message}`, { problem: match.problem }) }
    case 'unknown':
      return { plan: null, outcome: base(false, 'unknown', `Unknown code ${shownCode(match.code)}: not a product of posting ${posting.postingNumber}`) }
  }
}
