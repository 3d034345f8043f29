// Labels of recently packed packages: where Ozon's label of each one stands (the station fetches them by itself),
// "ask again" for a refused one, a preview of the selected package, and one PDF of the chosen packages in package
// order — the morning batch of 200 labels as one file to print. Scan a package's label to pick it.
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LabelBatch, LabelChoice, OzonLabelStatus } from '../../../shared/contract/labels'
import { StationError } from '../../../shared/errors'
import { useStation, useStationEvent } from '../api/StationContext'
import { BagLabelPreview, OzonLabelPreview, OzonLabelState, ZOOMS, type PreviewKind, type Zoom } from '../components/labels'
import { formatDateTime } from '../format'
import { useScanner } from '../hooks/useScanner'
import { useStationQuery } from '../hooks/useStationQuery'
import { playSound } from '../sound'

const keyOf = (s: Pick<OzonLabelStatus, 'accountId' | 'postingNumber'>) => `${s.accountId}/${s.postingNumber}`

/** Package order: as packed (oldest first), packages of one order by their number. */
function packageOrder(a: OzonLabelStatus, b: OzonLabelStatus): number {
  return a.packedAt.localeCompare(b.packedAt) || a.orderNumber.localeCompare(b.orderNumber) || a.packageIndex - b.packageIndex
}

export function LabelsScreen() {
  const { t, i18n } = useTranslation('labels')
  const station = useStation()
  const q = useStationQuery('labels.status', { limit: 500 })
  const [picked, setPicked] = useState<Set<string>>(new Set())
  const [focus, setFocus] = useState<string | null>(null)
  const [choice, setChoice] = useState<LabelChoice | null>(null)
  const [kind, setKind] = useState<PreviewKind>('bag')
  const [zoom, setZoom] = useState<Zoom>(1)
  const [batch, setBatch] = useState<(LabelBatch & { url: string }) | null>(null)
  const [working, setWorking] = useState(false)
  const [banner, setBanner] = useState<{ tone: 'info' | 'error'; text: string } | null>(null)
  const [tick, setTick] = useState(() => Date.now())

  const items = useMemo(() => q.data?.items ?? [], [q.data])
  const effectiveChoice = choice ?? q.data?.choice ?? 'both'
  const focused = items.find((i) => keyOf(i) === focus) ?? null
  const chosen = items.filter((i) => picked.has(keyOf(i))).sort(packageOrder)

  const anyWaiting = items.some((i) => i.state === 'waiting')
  useEffect(() => {
    if (!anyWaiting) return
    const timer = setInterval(() => setTick(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [anyWaiting])

  useStationEvent('labels.changed', () => {
    q.reload()
    setTick(Date.now())
  })

  const toggle = useCallback((key: string) => {
    setPicked((prev) => {
      const next = new Set(prev)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
    setFocus(key)
  }, [])

  useScanner({
    onScan: (code) => {
      const clean = code.replace(/\s+/g, '')
      const hit = items.find((i) => i.postingNumber === clean)
      if (!hit) {
        playSound('error')
        setBanner({ tone: 'error', text: t('screen.scanUnknown', { code: clean }) })
        return
      }
      toggle(keyOf(hit))
      setBanner({ tone: 'info', text: t('screen.scanPicked', { postingNumber: hit.postingNumber }) })
    },
  })

  const makePdf = async () => {
    if (chosen.length === 0) return
    setWorking(true)
    setBanner(null)
    try {
      const made = await station.call('labels.batch', { postingNumbers: chosen.map((c) => c.postingNumber), choice: effectiveChoice })
      if (batch) URL.revokeObjectURL(batch.url)
      const bytes = Uint8Array.from(atob(made.pdfBase64), (c) => c.charCodeAt(0))
      setBatch({ ...made, url: made.pdfBase64 ? URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' })) : '' })
    } catch (err) {
      setBanner({ tone: 'error', text: err instanceof StationError || err instanceof Error ? err.message : String(err) })
    } finally {
      setWorking(false)
    }
  }

  const retry = async (s: OzonLabelStatus) => {
    try {
      await station.call('labels.retry', { postingNumbers: [s.postingNumber], accountId: s.accountId })
      q.reload()
    } catch (err) {
      setBanner({ tone: 'error', text: err instanceof Error ? err.message : String(err) })
    }
  }

  const counts = { ready: 0, waiting: 0, failed: 0 }
  for (const i of items) counts[i.state]++
  // The station runs on this computer (Electron, or the loopback web host): its clock is this clock.
  const stationNow = tick
  const pdfName = batch ? `labels-${chosen.length}.pdf` : ''

  return (
    <section className="labels-screen" data-testid="labels-screen">
      <div className="toolbar">
        <h1>{t('screen.title')}</h1>
        <span className="chip labels-chip-ok">{t('screen.ready', { count: counts.ready })}</span>
        <span className="chip chip-warn">{t('screen.waiting', { count: counts.waiting })}</span>
        <span className="chip chip-error">{t('screen.failed', { count: counts.failed })}</span>
      </div>
      {banner && (
        <div className={`banner ${banner.tone === 'error' ? 'error' : 'labels-info'}`} role="status" data-testid="labels-banner">
          {banner.text}
        </div>
      )}
      {q.error && <div className="banner error">{q.error.message}</div>}
      <div className="labels-body">
        <div className="labels-list">
          <div className="labels-actions">
            <button type="button" onClick={() => setPicked(new Set(items.map(keyOf)))} data-testid="labels-pick-all">
              {t('screen.pickAll')}
            </button>
            <button type="button" onClick={() => setPicked(new Set(items.filter((i) => i.state === 'ready').map(keyOf)))}>
              {t('screen.pickReady')}
            </button>
            <button type="button" onClick={() => setPicked(new Set())}>
              {t('screen.pickNone')}
            </button>
            <label className="labels-choice">
              {t('screen.what')}{' '}
              <select value={effectiveChoice} onChange={(e) => setChoice(e.target.value as LabelChoice)} data-testid="labels-choice">
                {(['both', 'ozon', 'bag'] as const).map((c) => (
                  <option key={c} value={c}>
                    {t(`screen.choice.${c}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="primary" disabled={chosen.length === 0 || working} onClick={() => void makePdf()} data-testid="labels-make-pdf">
              {working ? t('screen.making') : t('screen.makePdf', { count: chosen.length })}
            </button>
          </div>
          {batch && (
            <div className="labels-batch" data-testid="labels-batch" role="status">
              {batch.pages.length > 0 ? (
                <>
                  <strong>{t('screen.batchDone', { pages: batch.pages.length })}</strong>{' '}
                  <a href={batch.url} download={pdfName} data-testid="labels-download">
                    {t('screen.download')}
                  </a>
                  {batch.file && <span className="muted mono labels-file"> {batch.file}</span>}
                </>
              ) : (
                <strong>{t('screen.batchEmpty')}</strong>
              )}
              {batch.missing.length > 0 && (
                <ul className="labels-missing" data-testid="labels-missing">
                  {batch.missing.map((m) => (
                    <li key={`${m.kind}-${m.postingNumber}`}>
                      <span className="mono">{m.postingNumber}</span> — {t(m.kind === 'ozon' ? 'ozonLabel' : 'bagLabel')}: {m.reason}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {items.length === 0 && !q.loading ? (
            <p className="empty">{t('screen.empty')}</p>
          ) : (
            <table className="labels-table" data-testid="labels-rows">
              <thead>
                <tr>
                  <th aria-label={t('screen.pick')} />
                  <th>{t('screen.posting')}</th>
                  <th>{t('screen.packedAt')}</th>
                  <th>{t('ozonLabel')}</th>
                  <th aria-label={t('retry')} />
                </tr>
              </thead>
              <tbody>
                {items.map((s) => {
                  const key = keyOf(s)
                  return (
                    <tr key={key} className={key === focus ? 'active' : undefined} data-testid={`labels-row-${s.postingNumber}`} data-state={s.state} onClick={() => setFocus(key)}>
                      <td>
                        <input type="checkbox" checked={picked.has(key)} onChange={() => toggle(key)} aria-label={t('screen.pickOne', { postingNumber: s.postingNumber })} />
                      </td>
                      <td>
                        <span className="mono labels-posting">{s.postingNumber}</span>
                        <span className="muted labels-package"> {t('package', { index: s.packageIndex, count: s.packageCount })}</span>
                      </td>
                      <td className="muted">{formatDateTime(s.packedAt, i18n.language)}</td>
                      <td>
                        <OzonLabelState status={s} stationNow={stationNow} />
                      </td>
                      <td>
                        {s.state === 'failed' && (
                          <button type="button" onClick={() => void retry(s)}>
                            {t('retry')}
                          </button>
                        )}
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          )}
        </div>
        <aside className="labels-side" data-testid="label-preview">
          {focused ? (
            <>
              <div className="label-preview-tools">
                <span className="label-preview-title mono">{focused.postingNumber}</span>
                <div className="label-toggle" role="group" aria-label={t('preview.which')}>
                  {(['bag', 'ozon'] as const).map((k) => (
                    <button key={k} type="button" aria-pressed={kind === k} onClick={() => setKind(k)}>
                      {t(k === 'bag' ? 'bagLabel' : 'ozonLabel')}
                    </button>
                  ))}
                </div>
                <div className="label-toggle" role="group" aria-label={t('zoom.label')}>
                  {ZOOMS.map((z) => (
                    <button key={z} type="button" aria-pressed={zoom === z} onClick={() => setZoom(z)}>
                      {z === 1 ? t('zoom.trueSizeShort') : `×${z}`}
                    </button>
                  ))}
                </div>
              </div>
              <div className="label-preview-stage">
                {kind === 'bag' && <BagLabelPreview postingNumber={focused.postingNumber} accountId={focused.accountId} zoom={zoom} />}
                {kind === 'ozon' &&
                  (focused.state === 'ready' ? (
                    <OzonLabelPreview key={focused.readyAt ?? ''} postingNumber={focused.postingNumber} accountId={focused.accountId} zoom={zoom} />
                  ) : (
                    <p className="label-preview-wait">
                      {t('preview.ozonNotYet')} <OzonLabelState status={focused} stationNow={stationNow} />
                    </p>
                  ))}
              </div>
            </>
          ) : (
            <p className="muted">{t('screen.previewHint')}</p>
          )}
        </aside>
      </div>
    </section>
  )
}
