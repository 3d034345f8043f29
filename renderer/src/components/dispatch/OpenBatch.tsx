// An open batch at the courier's side: scan each package (our bag label, Ozon's label or the carrier's tracking
// label); every scan is answered loudly — green and a beep when it goes in, red and a buzz with the exact reason
// when not. Split orders show "1 of 2 packages" until complete; what is still expected and what blocks closing
// stay on screen. Closing asks for the courier's name and the manifest's language; a warning that may be
// overridden (incomplete split, data Ozon could not confirm) needs a reason.
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Blocker, BatchView, DispatchScanOutcome } from '../../../../shared/contract/dispatch'
import { StationError } from '../../../../shared/errors'
import { useStation } from '../../api/StationContext'
import { formatTime } from '../../format'
import { useScanner, type KeyPress } from '../../hooks/useScanner'
import { playSound } from '../../sound'
import { errorText } from '../settings/errors'
import { blockerText, outcomeText } from './words'

interface Props {
  batch: BatchView
  onChange: (batch: BatchView) => void
  onBack: () => void
}

type Banner = { tone: 'ok' | 'error' | 'info'; text: string; detail?: string }

export function OpenBatch({ batch, onChange, onBack }: Props) {
  const { t, i18n } = useTranslation('dispatch')
  const station = useStation()
  const [banner, setBanner] = useState<Banner | null>(null)
  const [last, setLast] = useState<DispatchScanOutcome | null>(null)
  const [courier, setCourier] = useState('')
  const [language, setLanguage] = useState<'ru' | 'en'>(i18n.language === 'ru' ? 'ru' : 'en')
  const [override, setOverride] = useState<{ blockers: Blocker[]; reason: string } | null>(null)
  const [typing, setTyping] = useState('')
  const [busy, setBusy] = useState(false)
  const typeField = useRef<HTMLInputElement>(null)

  const scan = async (code: string) => {
    try {
      const { outcome, batch: next } = await station.call('dispatch.scan', { batchId: batch.id, code })
      onChange(next)
      setLast(outcome)
      playSound(outcome.ok ? 'ok' : 'error')
      setBanner({ tone: outcome.ok ? 'ok' : 'error', text: outcomeText(t, outcome), detail: outcome.ok ? undefined : t('scan.putAside') })
    } catch (err) {
      playSound('error')
      setBanner({ tone: 'error', text: errorText(err, t) })
    }
  }

  const close = async (overrideReason?: string) => {
    if (busy) return
    setBusy(true)
    try {
      const closed = await station.call('dispatch.close', { batchId: batch.id, courierName: courier, language, overrideReason })
      setOverride(null)
      playSound('packed')
      onChange(closed)
    } catch (err) {
      const blockers = err instanceof StationError ? ((err.details as { blockers?: Blocker[] } | undefined)?.blockers ?? []) : []
      if (err instanceof StationError && err.key === 'dispatch:errors.needsOverride') {
        setOverride({ blockers, reason: '' })
      } else {
        playSound('error')
        setBanner({ tone: 'error', text: errorText(err, t), detail: blockers.map((b) => blockerText(t, b)).join(' · ') || undefined })
      }
    } finally {
      setBusy(false)
    }
  }

  const onKey = (press: KeyPress): boolean => {
    if (override) return false
    if (press.code === 'Enter' && press.ctrl) {
      void close()
      return true
    }
    if (press.editable) return false
    if (press.code === 'Escape') {
      onBack()
      return true
    }
    if (press.code === 'KeyT') {
      typeField.current?.focus()
      return true
    }
    return false
  }
  useScanner({ onScan: (c) => void scan(c), onKey, enabled: override === null })

  const incomplete = batch.splits.filter((s) => !s.complete)
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
        </div>
        <div className="dispatch-count" data-testid="dispatch-count">
          <span className="dispatch-count-n">{batch.packages}</span>
          <span>{t('batch.scanned', { count: batch.packages })}</span>
        </div>
        <button onClick={onBack}>
          {t('batch.back')} <kbd>Esc</kbd>
        </button>
      </header>

      <div className="scan-field">
        <label className="scan-typing">
          <span className="scan-icon" aria-hidden>
            ▮▯▮▮▯▮
          </span>
          <span className="scan-label">{t('scan.prompt')}</span>
          <input
            ref={typeField}
            data-testid="dispatch-type"
            className="mono"
            value={typing}
            placeholder={t('scan.placeholder')}
            onChange={(e) => setTyping(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.ctrlKey && typing.trim()) {
                e.preventDefault()
                void scan(typing.trim())
                setTyping('')
              }
            }}
          />
        </label>
      </div>

      {banner && (
        <div className={`packing-banner ${banner.tone}`} role="status" data-testid="dispatch-banner">
          {banner.text}
          {banner.detail && <div className="packing-banner-detail">{banner.detail}</div>}
        </div>
      )}
      {incomplete.length > 0 && (
        <div className="dispatch-splits" data-testid="dispatch-splits">
          {incomplete.map((s) => (
            <span key={s.original} className="chip chip-warn">
              {t('batch.split', { orderNumber: s.orderNumber, scanned: s.scanned, total: s.total })}
            </span>
          ))}
        </div>
      )}

      <div className="dispatch-columns">
        <div>
          <table className="dispatch-table" data-testid="dispatch-packages">
            <thead>
              <tr>
                <th>№</th>
                <th>{t('col.posting')}</th>
                <th>{t('col.order')}</th>
                <th>{t('col.tracking')}</th>
                <th>{t('col.units')}</th>
                <th>{t('col.time')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {[...batch.packageList].reverse().map((p, i) => (
                <tr key={p.postingNumber} className={last?.postingNumber === p.postingNumber && last.ok ? 'just-scanned' : ''}>
                  <td>{batch.packageList.length - i}</td>
                  <td className="mono">{p.postingNumber}</td>
                  <td className="mono">{p.orderNumber}</td>
                  <td className="mono">{p.trackingNumber || '—'}</td>
                  <td>{p.units}</td>
                  <td>{formatTime(p.scannedAt, i18n.language)}</td>
                  <td>
                    <button
                      className="link-button"
                      onClick={() => {
                        const reason = window.prompt(t('batch.removeReason', { postingNumber: p.postingNumber }))
                        if (reason?.trim()) void station.call('dispatch.remove', { batchId: batch.id, postingNumber: p.postingNumber, reason }).then(onChange, (err: unknown) => setBanner({ tone: 'error', text: errorText(err, t) }))
                      }}
                    >
                      {t('batch.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {batch.packageList.length === 0 && <p className="empty">{t('batch.empty')}</p>}
        </div>

        <aside className="dispatch-side">
          <section className="dispatch-close">
            <h2>{t('close.title')}</h2>
            {batch.blockers.length > 0 && (
              <ul className="violations" data-testid="dispatch-blockers">
                {batch.blockers.map((b, i) => (
                  <li key={i} className={`violation ${b.overridable ? 'warning' : 'error'}`}>
                    {blockerText(t, b)}
                  </li>
                ))}
              </ul>
            )}
            <label className="tracking-field">
              <span>{t('close.courier')}</span>
              <input value={courier} onChange={(e) => setCourier(e.target.value)} data-testid="dispatch-courier" />
            </label>
            <label className="tracking-field">
              <span>{t('close.language')}</span>
              <select value={language} onChange={(e) => setLanguage(e.target.value as 'ru' | 'en')}>
                <option value="ru">Русский</option>
                <option value="en">English</option>
              </select>
            </label>
            <button className="primary ship-button" disabled={busy || batch.packages === 0} onClick={() => void close()} data-testid="dispatch-close">
              {t('close.button', { count: batch.packages })}
              <span className="ship-keys">
                <kbd>Ctrl+Enter</kbd>
              </span>
            </button>
          </section>
          {batch.expected.length > 0 && (
            <section className="dispatch-expected">
              <h2>{t('batch.expected', { count: batch.expected.length })}</h2>
              <ul>
                {batch.expected.slice(0, 30).map((e) => (
                  <li key={e.postingNumber}>
                    <span className="mono">{e.postingNumber}</span>
                    {e.blocked && <span className="warning"> — {t('batch.expectedBlocked')}</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </aside>
      </div>

      {override && (
        <div className="packing-dialog-backdrop">
          <div className="packing-dialog" role="dialog" aria-modal="true" aria-labelledby="override-title">
            <h2 id="override-title">{t('override.title')}</h2>
            <ul className="violations">
              {override.blockers.map((b, i) => (
                <li key={i} className="violation warning">
                  {blockerText(t, b)}
                </li>
              ))}
            </ul>
            <label className="tracking-field">
              <span>{t('override.reason')}</span>
              <input autoFocus value={override.reason} onChange={(e) => setOverride({ ...override, reason: e.target.value })} data-testid="dispatch-override-reason" />
            </label>
            <div className="packing-dialog-buttons">
              <button onClick={() => setOverride(null)}>{t('override.back')}</button>
              <button className="primary" disabled={override.reason.trim() === ''} onClick={() => void close(override.reason)}>
                {t('override.confirm')}
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  )
}
