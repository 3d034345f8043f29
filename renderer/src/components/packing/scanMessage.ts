// A scan outcome in the packer's words: what was scanned, what happened, and after a refusal what the bench
// still expects — so a wrong item is never a silent mystery.
import type { TFunction } from 'i18next'
import type { PackingSession, ScanOutcome } from '../../../../shared/contract/packing'
import type { Banner } from './usePackingSession'

export function expectedText(outcome: ScanOutcome, t: TFunction<'packing'>): string {
  if (outcome.expected.length === 0) return t('scanResult.nothingExpected')
  const list = outcome.expected.map((e) => `${e.offerId} ×${e.remaining}`).join(', ')
  return t('scanResult.expected', { list })
}

export function scanMessage(outcome: ScanOutcome, session: PackingSession, t: TFunction<'packing'>): Banner {
  const item = session.posting.items.find((i) => i.sku === outcome.sku)
  const verified = outcome.sku === undefined ? 0 : session.plan.packages.flatMap((p) => p.lines).filter((l) => l.sku === outcome.sku).reduce((n, l) => n + l.verified, 0)
  const base = { code: outcome.code, offerId: outcome.offerId ?? '', name: outcome.name ?? '', quantity: item?.quantity ?? 0, verified, pkg: (outcome.packageIndex ?? 0) + 1 }
  switch (outcome.kind) {
    case 'unit':
      return { tone: 'ok', text: t('scanResult.unit', base), detail: session.plan.packages.length > 1 ? t('scanResult.inPackage', base) : undefined }
    case 'mark': {
      const have = session.plan.marks[String(outcome.sku)]?.length ?? 0
      return { tone: 'ok', text: t('scanResult.mark', { ...base, have, want: item?.quantity ?? 0 }) }
    }
    case 'same_posting':
      return { tone: 'info', text: t('scanResult.same_posting', { postingNumber: session.postingNumber }) }
    case 'open_posting':
      return { tone: 'info', text: t('scanResult.opening', { code: outcome.code }) }
    case 'bad_mark':
      return { tone: 'error', text: t(`badMark.${outcome.problem ?? 'not_a_mark'}`, { code: outcome.code, standIn: session.gsStandIn }), detail: expectedText(outcome, t) }
    case 'wrong_item':
      return {
        tone: 'error',
        text: outcome.offerId ? t('scanResult.wrong_item', base) : t('scanResult.wrong_mark', base),
        detail: expectedText(outcome, t),
      }
    default:
      return { tone: 'error', text: t(`scanResult.${outcome.kind}`, base), detail: expectedText(outcome, t) }
  }
}
