// Tracking texts in the bench's language: a check's problem and a package's state come from the station as codes
// with parameters; the words are the screen's (locales/<lang>/tracking.json). The station's English text is the
// fallback when a newer station knows a problem this screen does not.
import type { TFunction } from 'i18next'
import type { TrackingCheckResult, TrackingRow } from '../../../../shared/contract/tracking'

export function problemText(t: TFunction, check: Pick<TrackingCheckResult, 'problem' | 'message' | 'params' | 'rule'>): string {
  if (!check.problem) return ''
  return t(`problem.${check.problem}`, { ...check.params, rule: check.rule.label, example: check.rule.example, defaultValue: check.message })
}

/** Why a package is blocked, in words: Ozon's reason for a rejection, else what is missing. */
export function blockText(t: TFunction, row: TrackingRow): string {
  if (row.state === 'rejected') return t('block.rejected', { reason: row.error ? t(`ozonReason.${row.error.code}`, { defaultValue: row.error.message }) : '' })
  if (row.state === 'waiting') return t('block.waiting')
  if (row.state === 'missing' && row.need === 'required') return t('block.missing')
  return ''
}
