// A closed batch: who handed what to whom and when, the manifest (open or save — any number of copies), and what
// Ozon did: the carriage, its act and the postings moved to the next carriage (Ozon logistics), or the status
// moves of the seller's own delivery, with "last mile" and "delivered" on demand.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BatchView, DispatchDocument } from '../../../../shared/contract/dispatch'
import { useStation } from '../../api/StationContext'
import { formatDateTime } from '../../format'
import { useScanner, type KeyPress } from '../../hooks/useScanner'
import { errorText } from '../settings/errors'
import { openPdf, savePdf } from './pdf'

interface Props {
  batch: BatchView
  onChange: (batch: BatchView) => void
  onBack: () => void
}

export function ClosedBatch({ batch, onChange, onBack }: Props) {
  const { t, i18n } = useTranslation('dispatch')
  const station = useStation()
  const [language, setLanguage] = useState<'ru' | 'en'>(batch.manifest?.language ?? 'ru')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const h = batch.handover

  const run = async <T,>(work: () => Promise<T>, then: (v: T) => void) => {
    setBusy(true)
    try {
      then(await work())
      setError(null)
    } catch (err) {
      setError(errorText(err, t))
    } finally {
      setBusy(false)
    }
  }
  const manifest = (how: 'open' | 'save') =>
    run(
      () => station.call('dispatch.manifest', { batchId: batch.id, language }),
      (doc: DispatchDocument) => (how === 'open' ? openPdf(doc) : savePdf(doc)),
    )

  const onKey = (press: KeyPress): boolean => {
    if (press.editable) return false
    if (press.code === 'Escape') {
      onBack()
      return true
    }
    if (press.code === 'KeyM') {
      void manifest('open')
      return true
    }
    return false
  }
  useScanner({ onScan: () => undefined, onKey })

  return (
    <section className="dispatch-batch" data-testid="dispatch-batch">
      <header className="dispatch-batch-head">
        <div>
          <h1>
            {t('batch.title', { label: batch.label })} <span className="chip">{t(`state.${batch.state}`)}</span>
          </h1>
          <p className="dispatch-batch-scope">
            <strong>{batch.carrier.name}</strong> · {batch.deliveryMethod.name} · {batch.warehouse.name}
          </p>
          {batch.closedAt && (
            <p data-testid="dispatch-closed-by">
              {t('closed.by', { operator: batch.closedBy || '—', at: formatDateTime(batch.closedAt, i18n.language), courier: batch.courierName || '—', count: batch.packages })}
            </p>
          )}
          {batch.closeNote && <p className="warning">{t('closed.note', { note: batch.closeNote })}</p>}
        </div>
        <button onClick={onBack}>
          {t('batch.back')} <kbd>Esc</kbd>
        </button>
      </header>
      {error && <div className="banner error">{error}</div>}

      {batch.state === 'closed' && (
        <section className="dispatch-docs">
          <h2>{t('closed.documents')}</h2>
          <div className="dispatch-doc-row">
            <select value={language} onChange={(e) => setLanguage(e.target.value as 'ru' | 'en')} aria-label={t('close.language')}>
              <option value="ru">Русский</option>
              <option value="en">English</option>
            </select>
            <button className="primary" disabled={busy} onClick={() => void manifest('open')} data-testid="dispatch-manifest-open">
              {t('closed.openManifest')} <kbd>M</kbd>
            </button>
            <button disabled={busy} onClick={() => void manifest('save')} data-testid="dispatch-manifest-save">
              {t('closed.saveManifest')}
            </button>
            {batch.manifest && batch.manifest.copies > 0 && <span className="muted">{t('closed.copies', { count: batch.manifest.copies })}</span>}
          </div>
          {h?.hasActPdf && (
            <div className="dispatch-doc-row">
              <button disabled={busy} onClick={() => void run(() => station.call('dispatch.actPdf', { batchId: batch.id }), openPdf)}>
                {t('closed.openAct')}
              </button>
              <button disabled={busy} onClick={() => void run(() => station.call('dispatch.actPdf', { batchId: batch.id }), (d) => savePdf(d))}>
                {t('closed.saveAct')}
              </button>
            </div>
          )}
        </section>
      )}

      {h && (
        <section className={`dispatch-handover handover-${h.state}`} data-testid="dispatch-handover">
          <h2>{t(`handover.${h.kind}`)}</h2>
          <p className="dispatch-handover-state">
            <strong>{t(`handoverState.${h.state}`)}</strong>{' '}
            {h.state === 'done' ? <span>— {t(`handoverDone.${h.kind}`)}</span> : h.message && <span>— {h.message}</span>}
          </p>
          {h.carriageId && <p>{t('handover.carriageId', { id: h.carriageId, status: h.actStatus ? t(`actStatus.${h.actStatus}`, { defaultValue: h.actStatus }) : '—' })}</p>}
          {h.nextCarriage.length > 0 && (
            <p className="warning">
              {t('handover.next', { count: h.nextCarriage.length })} <span className="mono">{h.nextCarriage.join(', ')}</span>
            </p>
          )}
          {h.notScanned.length > 0 && (
            <p className="warning">
              {t('handover.notScanned', { count: h.notScanned.length })} <span className="mono">{h.notScanned.join(', ')}</span>
            </p>
          )}
          {h.kind === 'delivering' && (
            <div className="dispatch-doc-row">
              <button disabled={busy} onClick={() => void run(() => station.call('dispatch.advance', { batchId: batch.id, step: 'last_mile' }), onChange)}>
                {t('handover.lastMile')}
              </button>
              <button disabled={busy} onClick={() => void run(() => station.call('dispatch.advance', { batchId: batch.id, step: 'delivered' }), onChange)}>
                {t('handover.delivered')}
              </button>
            </div>
          )}
          {h.moves.some((m) => !m.ok) && (
            <ul className="violations">
              {h.moves
                .filter((m) => !m.ok)
                .map((m) => (
                  <li key={`${m.postingNumber}-${m.step}`} className="violation error">
                    {m.postingNumber}: {m.error}
                  </li>
                ))}
            </ul>
          )}
          {(h.state === 'waiting' || h.state === 'failed' || h.state === 'working') && (
            <button disabled={busy} onClick={() => void run(() => station.call('dispatch.refresh', { batchId: batch.id }), onChange)}>
              {t('handover.refresh')}
            </button>
          )}
        </section>
      )}

      <table className="dispatch-table" data-testid="dispatch-packages">
        <thead>
          <tr>
            <th>№</th>
            <th>{t('col.posting')}</th>
            <th>{t('col.order')}</th>
            <th>{t('col.tracking')}</th>
            <th>{t('col.units')}</th>
          </tr>
        </thead>
        <tbody>
          {batch.packageList.map((p, i) => (
            <tr key={p.postingNumber}>
              <td>{i + 1}</td>
              <td className="mono">{p.postingNumber}</td>
              <td className="mono">{p.orderNumber}</td>
              <td className="mono">{p.trackingNumber || '—'}</td>
              <td>{p.units}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
