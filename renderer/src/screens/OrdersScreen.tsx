import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SyncProgress } from '../../../shared/contract'
import type { Posting } from '../../../shared/domain/posting'
import { StationError } from '../../../shared/errors'
import { useStation, useStationEvent } from '../api/StationContext'
import { formatDateTime } from '../format'
import { useStationQuery } from '../hooks/useStationQuery'
import { openPacking } from '../components/packing/navigation'

const ITEM_LINES = 2

export function OrdersScreen() {
  const { t, i18n } = useTranslation('orders')
  const station = useStation()
  const { data: list, error: loadError, reload } = useStationQuery('orders.list', { limit: 500 })
  const [progress, setProgress] = useState<SyncProgress | null>(null)
  const [syncError, setSyncError] = useState<string | null>(null)
  const error = syncError ?? loadError?.message ?? null

  useStationEvent('sync.progress', (p) => {
    const finished = p.phase === 'done' || p.phase === 'failed'
    setProgress(finished ? null : p)
    if (finished) reload()
  })

  const sync = async () => {
    try {
      await station.call('orders.sync')
      setSyncError(null)
    } catch (err) {
      setSyncError(err instanceof StationError ? err.message : String(err))
    }
    reload()
  }

  const lastSync = list?.lastSync
  return (
    <section className="orders">
      <div className="toolbar">
        <h1>{t('title')}</h1>
        <button className="primary" onClick={() => void sync()} disabled={progress !== null}>
          {t('sync')}
        </button>
        {progress && (
          <span className="sync-progress" role="status">
            {progress.total ? t('syncingTotal', { fetched: progress.fetched, total: progress.total }) : t('syncing', { fetched: progress.fetched })}
          </span>
        )}
        {lastSync && !progress && (
          <span className={lastSync.ok ? 'muted' : 'warning'} role="status">
            {lastSync.ok
              ? t('lastSync', { time: formatDateTime(lastSync.finishedAt, i18n.language) })
              : t('syncFailed', { error: lastSync.error ?? '', time: formatDateTime(lastSync.finishedAt, i18n.language) })}
          </span>
        )}
        {list && <span className="muted">{t('count', { count: list.total })}</span>}
      </div>
      {error && <div className="banner error">{error}</div>}
      {list && list.postings.length === 0 && <p className="empty">{t('empty')}</p>}
      {list && list.postings.length > 0 && (
        <table className="postings" data-testid="postings">
          <thead>
            <tr>
              <th>{t('columns.posting')}</th>
              <th>{t('columns.items')}</th>
              <th>{t('columns.warehouse')}</th>
              <th>{t('columns.delivery')}</th>
              <th>{t('columns.carrier')}</th>
              <th>{t('columns.shipBy')}</th>
              <th>{t('columns.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.postings.map((p) => (
              <PostingRow key={`${p.accountId}/${p.postingNumber}`} posting={p} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

function PostingRow({ posting: p }: { posting: Posting }) {
  const { t, i18n } = useTranslation('orders')
  const shown = p.items.slice(0, ITEM_LINES)
  const more = p.items.length - shown.length
  return (
    <tr data-posting={p.postingNumber}>
      <td className="mono">{p.postingNumber}</td>
      <td>
        {shown.map((i) => (
          <div key={i.sku}>
            <span className="mono">{i.offerId}</span> × {i.quantity}
          </div>
        ))}
        {more > 0 && <div className="muted">{t('moreItems', { count: more })}</div>}
      </td>
      <td>{p.warehouse.name}</td>
      <td>{p.deliveryMethod.name}</td>
      <td>{p.carrier.name}</td>
      <td>{formatDateTime(p.shipmentDate, i18n.language)}</td>
      <td>{t(`status.${p.status}`, { defaultValue: p.status })}</td>
      <td>
        {/* Packing hook-in: opens the posting on the packing screen (the inbox rebuild keeps this call). */}
        <button type="button" onClick={() => openPacking(p.postingNumber)} data-testid="open-packing">
          {t('packing:open')}
        </button>
      </td>
    </tr>
  )
}
