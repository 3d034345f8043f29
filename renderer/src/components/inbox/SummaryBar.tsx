// The summary bar: what is about to go wrong, at a glance — due within the hour, overdue, at risk of Ozon's
// cancellation today — and what was done today.
import { useTranslation } from 'react-i18next'
import type { InboxSummaryInfo } from '../../../../shared/contract'

const TILES: { key: keyof InboxSummaryInfo; tone: string }[] = [
  { key: 'dueWithinHour', tone: 'warn' },
  { key: 'overdue', tone: 'danger' },
  { key: 'atCancellationRisk', tone: 'danger' },
  { key: 'packedToday', tone: 'ok' },
]

export function SummaryBar({ summary }: { summary: InboxSummaryInfo | undefined }) {
  const { t } = useTranslation('inbox')
  return (
    <div className="inbox-summary" role="status" aria-label={t('summaryLabel')}>
      {TILES.map(({ key, tone }) => {
        const value = summary?.[key] ?? 0
        return (
          <div key={key} className={`summary-tile tone-${tone}${value > 0 ? ' active' : ''}`} data-summary={key}>
            <span className="summary-value">{summary ? value : '—'}</span>
            <span className="summary-label">{t(`summary.${key}`)}</span>
          </div>
        )
      })}
    </div>
  )
}
