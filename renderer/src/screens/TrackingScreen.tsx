// Tracking numbers: every packed package whose delivery takes one — missing, waiting for Ozon, or refused by it —
// and what blocks its hand-over. Scanner-first: scan the package (our bag label or Ozon's label) to pick it, then
// the carrier's barcode; the number is checked, kept, and sent to Ozon (offline it waits and goes by itself).
import { useCallback, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TrackingRow } from '../../../shared/contract/tracking'
import { useStation } from '../api/StationContext'
import { StateBadge } from '../components/tracking/StateBadge'
import { TrackingEntry, type EntryBanner, type TrackingEntryHandle } from '../components/tracking/TrackingEntry'
import { useTrackingList } from '../components/tracking/useTrackingList'
import { errorText } from '../components/settings/errors'
import { blockText } from '../components/tracking/words'
import { formatDateTime } from '../format'
import { useScanner, type KeyPress } from '../hooks/useScanner'
import { playSound } from '../sound'

export function TrackingScreen() {
  const { t, i18n } = useTranslation('tracking')
  const station = useStation()
  const [show, setShow] = useState<'attention' | 'all'>('attention')
  const [search, setSearch] = useState('')
  const { list, error, reload } = useTrackingList(show, search)
  const [selectedKey, setSelectedKey] = useState<string | null>(null)
  const [banner, setBanner] = useState<EntryBanner | null>(null)
  const entry = useRef<TrackingEntryHandle>(null)
  const rows = useMemo(() => list?.rows ?? [], [list])
  const keyOf = (r: Pick<TrackingRow, 'accountId' | 'postingNumber'>) => `${r.accountId}/${r.postingNumber}`
  const selected = rows.find((r) => keyOf(r) === selectedKey) ?? null

  const select = useCallback((r: TrackingRow | null) => {
    setSelectedKey(r ? `${r.accountId}/${r.postingNumber}` : null)
    if (r) requestAnimationFrame(() => entry.current?.focus())
  }, [])

  /** A scan: a package's own code picks it; anything else is the carrier's number for the picked package. */
  const onScan = useCallback(
    async (code: string) => {
      const clean = code.replace(/\s+/g, '')
      const own = rows.find((r) => r.postingNumber === clean || r.labelCodes.includes(clean))
      if (own) {
        select(own)
        setBanner({ tone: 'info', text: t('scan.picked', { postingNumber: own.postingNumber }) })
        return
      }
      if (selected) {
        entry.current?.submit(clean)
        return
      }
      // Not in the list on screen (accepted already, or another filter): ask the station about it.
      try {
        const row = await station.call('tracking.get', { postingNumber: clean })
        if (row.need === 'none') {
          playSound('error')
          setBanner({ tone: 'error', text: t('scan.notTrackable', { postingNumber: row.postingNumber, carrier: row.carrier.name }) })
          return
        }
        setShow('all')
        setSelectedKey(keyOf(row))
        setBanner({ tone: 'info', text: t('scan.picked', { postingNumber: row.postingNumber }) })
      } catch {
        playSound('error')
        setBanner({ tone: 'error', text: t('scan.pickFirst', { code: clean }) })
      }
    },
    [rows, selected, select, station, t],
  )

  const onKey = useCallback(
    (press: KeyPress): boolean => {
      if (press.editable && press.code !== 'Escape') return false
      const at = selected ? rows.indexOf(selected) : -1
      if (press.code === 'ArrowDown' || press.code === 'ArrowUp') {
        const next = rows[Math.max(0, Math.min(rows.length - 1, at + (press.code === 'ArrowDown' ? 1 : -1)))]
        if (next) select(next)
        return true
      }
      if (press.code === 'Escape') {
        select(null)
        ;(document.activeElement as HTMLElement | null)?.blur()
        return true
      }
      if (press.code === 'KeyR' && selected?.state === 'rejected') {
        void station.call('tracking.retry', { postingNumbers: [selected.postingNumber] }).then(reload, (err: unknown) => {
          playSound('error')
          setBanner({ tone: 'error', text: errorText(err, t) })
        })
        return true
      }
      if (press.code === 'KeyA') {
        setShow((s) => (s === 'all' ? 'attention' : 'all'))
        return true
      }
      return false
    },
    [rows, selected, select, station, reload, t],
  )

  useScanner({ onScan: (c) => void onScan(c), onKey })

  const sendNow = async () => {
    try {
      const l = await station.call('tracking.retry', {})
      setBanner(l.queued > 0 ? { tone: 'error', text: t('offline', { count: l.queued }) } : { tone: 'ok', text: t('sent') })
      reload()
    } catch (err) {
      setBanner({ tone: 'error', text: errorText(err, t) })
    }
  }

  const counts = list?.counts
  return (
    <section className="tracking" data-testid="tracking-screen">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        {counts && (
          <div className="tracking-counts">
            <span className="chip chip-error">{t('counts.missing', { count: counts.missing })}</span>
            <span className="chip chip-warn">{t('counts.waiting', { count: counts.waiting })}</span>
            <span className="chip chip-error">{t('counts.rejected', { count: counts.rejected })}</span>
            <span className="chip">{t('counts.accepted', { count: counts.accepted })}</span>
          </div>
        )}
        <label className="tracking-show">
          <input type="checkbox" checked={show === 'all'} onChange={(e) => setShow(e.target.checked ? 'all' : 'attention')} /> {t('showAll')} <kbd>A</kbd>
        </label>
        <input className="tracking-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('search')} aria-label={t('search')} />
        <button onClick={() => void sendNow()}>{t('sendNow')}</button>
      </div>
      {list?.offline && (
        <div className="banner error" role="status">
          {t('offlineSince', { since: formatDateTime(list.offline.since, i18n.language), count: list.queued })}
        </div>
      )}
      {error && <div className="banner error">{errorText(error, t)}</div>}
      {banner && (
        <div className={`packing-banner ${banner.tone}`} role="status" data-testid="tracking-banner">
          {banner.text}
        </div>
      )}
      <div className="tracking-body">
        <div className="tracking-list">
          {rows.length === 0 ? (
            <p className="empty">{show === 'attention' ? t('emptyAttention') : t('empty')}</p>
          ) : (
            <table className="tracking-table" data-testid="tracking-rows">
              <thead>
                <tr>
                  <th>{t('col.posting')}</th>
                  <th>{t('col.carrier')}</th>
                  <th>{t('col.state')}</th>
                  <th>{t('col.number')}</th>
                  <th>{t('col.why')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={keyOf(r)} className={keyOf(r) === selectedKey ? 'selected' : ''} onClick={() => select(r)} aria-selected={keyOf(r) === selectedKey}>
                    <td className="mono">{r.postingNumber}</td>
                    <td>{r.carrier.name}</td>
                    <td>
                      <StateBadge row={r} />
                    </td>
                    <td className="mono">{r.trackingNumber || '—'}</td>
                    <td className="tracking-why">{blockText(t, r)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <aside className="tracking-side">
          {selected ? (
            <TrackingEntry ref={entry} row={selected} onBanner={setBanner} onSaved={() => reload()} />
          ) : (
            <p className="tracking-hint">{t('hint')}</p>
          )}
        </aside>
      </div>
      <ul className="packing-keys">
        <li>
          <kbd>↑ ↓</kbd> {t('keys.select')}
        </li>
        <li>
          <kbd>Enter</kbd> {t('keys.save')}
        </li>
        <li>
          <kbd>R</kbd> {t('keys.retry')}
        </li>
        <li>
          <kbd>Esc</kbd> {t('keys.esc')}
        </li>
      </ul>
    </section>
  )
}
