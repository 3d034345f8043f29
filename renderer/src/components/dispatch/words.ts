// Dispatch texts in the bench's language: scan refusals and close blockers come as codes with parameters.
import type { TFunction } from 'i18next'
import type { Blocker, DispatchScanOutcome } from '../../../../shared/contract/dispatch'

export function outcomeText(t: TFunction, o: DispatchScanOutcome): string {
  if (o.ok) {
    return o.split && !o.split.complete
      ? t('scan.addedSplit', { postingNumber: o.postingNumber, orderNumber: o.split.orderNumber, scanned: o.split.scanned, total: o.split.total })
      : t('scan.added', { postingNumber: o.postingNumber })
  }
  return t(`refusal.${o.code}`, { ...o.params, postingNumber: o.postingNumber ?? o.scanned, defaultValue: o.message })
}

export function blockerText(t: TFunction, b: Blocker): string {
  return t(`refusal.${b.code}`, { ...b.params, postingNumber: b.postingNumber ?? '', defaultValue: b.message })
}
