// When no posting is open: what to do, and the postings this bench had started packing.
import { useTranslation } from 'react-i18next'
import { useStationQuery } from '../../hooks/useStationQuery'
import { formatDateTime } from '../../format'

export function DraftList({ onOpen }: { onOpen: (postingNumber: string, accountId: string) => void }) {
  const { t, i18n } = useTranslation('packing')
  const { data } = useStationQuery('packing.drafts', {})
  const unfinished = (data ?? []).filter((d) => d.state !== 'packed').slice(0, 12)
  return (
    <section className="packing-empty" data-testid="packing-empty">
      <h1>{t('empty.title')}</h1>
      <p className="packing-empty-hint">{t('empty.hint')}</p>
      {unfinished.length > 0 && (
        <>
          <h2>{t('empty.drafts')}</h2>
          <ul className="draft-list">
            {unfinished.map((d) => (
              <li key={`${d.accountId}/${d.postingNumber}`}>
                <button type="button" onClick={() => onOpen(d.postingNumber, d.accountId)}>
                  <span className="mono">{d.postingNumber}</span>
                  <span>{t('empty.progress', { verified: d.verified, units: d.units, packages: d.packages })}</span>
                  <span className="muted">{t(`state.${d.state}`)}</span>
                  <span className="muted">{formatDateTime(d.updatedAt, i18n.language)}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
