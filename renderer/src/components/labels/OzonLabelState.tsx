// "Ozon label: ready / waiting (32 s) / failed: reason" for one package, in the bench's language.
import { useTranslation } from 'react-i18next'
import type { OzonLabelStatus } from '../../../../shared/contract/labels'
import { secondsSince } from './useLabelStatus'

/** Ozon's reason in words: a known code is translated, anything else is shown as Ozon said it. */
export function useReasonText(): (reason: OzonLabelStatus['reason']) => string {
  const { t } = useTranslation('labels')
  return (reason) => (reason ? t(`reasons.${reason.code}`, { defaultValue: reason.message }) : '')
}

export function OzonLabelState({ status, stationNow }: { status: OzonLabelStatus | undefined; stationNow: number }) {
  const { t } = useTranslation('labels')
  const reasonText = useReasonText()
  if (!status) return <span className="label-state label-state-none">{t('state.unknown')}</span>
  if (status.state === 'ready') return <span className="label-state label-state-ready">✓ {t('state.ready')}</span>
  if (status.state === 'failed') return <span className="label-state label-state-failed">✗ {t('state.failed', { reason: reasonText(status.reason) })}</span>
  const waited = secondsSince(status.since, stationNow)
  const next = status.nextAttemptAt ? Math.max(0, Math.ceil((Date.parse(status.nextAttemptAt) - stationNow) / 1000)) : null
  return (
    <span className="label-state label-state-waiting">
      <span className="label-spinner" aria-hidden="true" />
      {waited >= 60 ? t('state.waitingLong', { minutes: Math.floor(waited / 60), seconds: waited % 60 }) : t('state.waiting', { seconds: waited })}
      {status.reason && status.reason.code !== 'not_ready' && <span className="label-state-note"> · {reasonText(status.reason)}</span>}
      {next !== null && status.attempts > 0 && <span className="label-state-note"> · {t('state.nextAttempt', { seconds: next })}</span>}
    </span>
  )
}
