// Where hand-over starts: the delivery methods with packed postings waiting (per carrier and warehouse) — pick one
// to open today's batch — and the history of batches, searchable by posting, order or tracking number.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useStationEvent } from '../../api/StationContext'
import { formatDateTime } from '../../format'
import { useScanner } from '../../hooks/useScanner'
import { useStationQuery } from '../../hooks/useStationQuery'

interface Props {
  onOpen: (option: { deliveryMethodId: string; accountId: string }) => void
  onShow: (batchId: string) => void
  /** A package scanned here: its carrier's batch is opened with it. */
  onScan: (code: string) => void
}

export function BatchPicker({ onOpen, onShow, onScan }: Props) {
  const { t, i18n } = useTranslation('dispatch')
  const [search, setSearch] = useState('')
  const options = useStationQuery('dispatch.options', {})
  const history = useStationQuery('dispatch.history', { search, limit: 50 })
  const reload = () => {
    options.reload()
    history.reload()
  }
  useStationEvent('dispatch.changed', reload)
  useStationEvent('orders.changed', reload)
  useStationEvent('tracking.changed', options.reload)

  const choose = (i: number) => {
    const o = options.data?.options[i]
    if (!o) return false
    if (o.openBatchId) onShow(o.openBatchId)
    else onOpen({ deliveryMethodId: o.deliveryMethod.id, accountId: o.accountId })
    return true
  }
  // 1–9 open the n-th delivery method's batch; a scan opens the scanned package's one.
  useScanner({
    onScan,
    onKey: (press) => {
      if (press.editable) return false
      const digit = /^Digit([1-9])$/.exec(press.code)
      return digit ? choose(Number(digit[1]) - 1) : false
    },
  })

  return (
    <div className="dispatch-picker">
      <section className="dispatch-options" aria-label={t('picker.title')}>
        <h2>{t('picker.title', { date: options.data?.departureDate ?? '' })}</h2>
        {options.data && options.data.options.length === 0 && <p className="empty">{t('picker.none')}</p>}
        <ol className="dispatch-option-list" data-testid="dispatch-options">
          {options.data?.options.map((o, i) => (
            <li key={`${o.accountId}/${o.deliveryMethod.id}`}>
              <button className="dispatch-option" onClick={() => choose(i)} data-testid="dispatch-option">
                <span className="dispatch-option-key">{i < 9 ? <kbd>{i + 1}</kbd> : null}</span>
                <span className="dispatch-option-carrier">{o.carrier.name}</span>
                <span className="dispatch-option-method">{o.deliveryMethod.name}</span>
                <span className="dispatch-option-warehouse">{o.warehouse.name}</span>
                <span className="dispatch-option-count">{t('picker.ready', { count: o.ready })}</span>
                {o.blocked > 0 && <span className="chip chip-warn">{t('picker.blocked', { count: o.blocked })}</span>}
                {o.openBatchId && <span className="chip">{t('picker.continue')}</span>}
              </button>
            </li>
          ))}
        </ol>
      </section>
      <section className="dispatch-history" aria-label={t('history.title')}>
        <div className="toolbar">
          <h2>{t('history.title')}</h2>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('history.search')} aria-label={t('history.search')} data-testid="dispatch-history-search" />
        </div>
        {history.data && history.data.batches.length === 0 && <p className="empty">{t('history.none')}</p>}
        <table className="dispatch-table" data-testid="dispatch-history">
          <tbody>
            {history.data?.batches.map((b) => (
              <tr key={b.id} onClick={() => onShow(b.id)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && onShow(b.id)}>
                <td className="mono">{b.label}</td>
                <td>{b.carrier.name}</td>
                <td>{b.deliveryMethod.name}</td>
                <td>{t('history.packages', { count: b.packages })}</td>
                <td>{t(`state.${b.state}`)}</td>
                <td>{b.closedAt ? formatDateTime(b.closedAt, i18n.language) : ''}</td>
                <td>{b.closedBy ?? b.createdBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  )
}
