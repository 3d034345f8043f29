// After "Package the order": the packages are read-only, and each shows the posting Ozon made of it.
import { useTranslation } from 'react-i18next'
import type { PackingResult } from '../../../../shared/contract/packing'
import { formatDateTime } from '../../format'
import { PackageLabels } from '../labels'

export function PackedResult({ result, onNext }: { result: PackingResult; onNext: () => void }) {
  const { t, i18n } = useTranslation('packing')
  return (
    <section className="packed-result" data-testid="packed-result" aria-live="polite">
      <header className="packed-head">
        <h1>✓ {t('result.title')}</h1>
        <p>
          {t('result.subtitle', { count: result.packages.length })} · {formatDateTime(result.packedAt, i18n.language)}
        </p>
        {result.resumed && !result.packedElsewhere && <p className="muted">{t('result.resumed')}</p>}
        {result.packedElsewhere && <p className="warning">{t('result.elsewhere')}</p>}
      </header>
      <ol className="packed-list">
        {result.packages.map((p) => (
          <li key={p.postingNumber} className="packed-package" data-testid={`result-package-${p.index}`}>
            <div className="packed-package-head">
              <span className="packed-index">{t('result.package', { index: p.index, count: p.count })}</span>
              <span className="packed-posting mono" data-testid="result-posting">
                {p.postingNumber}
              </span>
              <span className="packed-status">{t(`status.${p.status}`, { defaultValue: p.status })}</span>
            </div>
            <ul className="packed-items">
              {p.items.map((i) => (
                <li key={i.sku}>
                  <span className="mono">{i.offerId}</span> <span className="muted">{i.name}</span> <strong>×{i.quantity}</strong>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      <PackageLabels packages={result.packages} />
      <footer className="packed-foot">
        <span className="muted">{t('result.labels')}</span>
        <button type="button" className="primary" onClick={onNext} data-testid="next-posting">
          {t('result.next')} <kbd>Esc</kbd>
        </button>
      </footer>
    </section>
  )
}
