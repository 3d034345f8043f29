// One posting in the inbox: what to pack, where it goes, how long is left, what money is on the clock, and
// badges for what needs extra care. Two lines per column so a packer reads a row at arm's length.
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Posting } from '../../../../shared/domain/posting'
import type { InboxRowData } from './useInbox'
import { rowClock } from './clock-text'

export const ROW_HEIGHT = 72

interface Props {
  index: number
  data: InboxRowData | undefined
  selected: boolean
  nowMs: number
  timeZone: string
  /** Show which Ozon account (cabinet) a posting is from: only when there are several. */
  showAccount: boolean
  accountLabel: (id: string) => string
  onSelect: (index: number) => void
  onOpen: (index: number) => void
  top: number
}

export const InboxRow = memo(function InboxRow({ index, data, selected, nowMs, timeZone, showAccount, accountLabel, onSelect, onOpen, top }: Props) {
  const { t, i18n } = useTranslation('inbox')
  const style = { transform: `translateY(${top}px)`, height: ROW_HEIGHT }
  if (!data) {
    return (
      <div className="inbox-row loading" role="row" aria-rowindex={index + 2} style={style}>
        <span className="muted">…</span>
      </div>
    )
  }
  const { posting: p, info } = data
  const clock = rowClock(p, info, nowMs, timeZone, i18n.language)
  const [first, second] = p.items
  const more = p.items.length - 2
  const logistics = p.deliveryMethod.name + (p.carrier.name && p.carrier.name !== p.deliveryMethod.name ? ` · ${p.carrier.name}` : '')
  return (
    <div
      className={`inbox-row urgency-${clock.urgency ?? 'none'}${selected ? ' selected' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-posting={p.postingNumber}
      style={style}
      onClick={() => onSelect(index)}
      onDoubleClick={() => onOpen(index)}
    >
      <div className="cell posting" role="gridcell">
        <span className="mono strong">{p.postingNumber}</span>
        <span className="muted line2">
          {t('order', { number: p.orderNumber })}
          {showAccount && <span className="badge account">{accountLabel(p.accountId)}</span>}
        </span>
      </div>
      <div className="cell items" role="gridcell">
        {first && <ItemLine item={first} />}
        <span className="line2">
          {second && <ItemLine item={second} />}
          {more > 0 && <span className="muted"> {t('moreItems', { count: more })}</span>}
        </span>
      </div>
      <div className="cell where" role="gridcell">
        <span className="ellipsis" title={p.warehouse.name}>
          {p.warehouse.name}
        </span>
        <span className="ellipsis muted line2" title={logistics}>
          {logistics}
        </span>
      </div>
      <div className="cell deadline" role="gridcell">
        <span className={`countdown${clock.urgency ? ` ${clock.urgency}` : ''}`}>{clock.countdown ?? (clock.packedAt ? t('packedAt', { when: clock.packedAt }) : '—')}</span>
        <span className="line2">{t('shipBy', { when: clock.shipBy })}</span>
      </div>
      <div className="cell money" role="gridcell">
        <span className="ellipsis" title={clock.tariff ?? undefined}>
          {clock.tariff ?? '—'}
        </span>
        <span className="line2 muted">{clock.atStake ? t('atStake', { amount: clock.atStake }) : ''}</span>
      </div>
      <div className="cell status" role="gridcell">
        <span className={`status-text status-${p.status}`}>{t(`orders:status.${p.status}`, { defaultValue: p.status })}</span>
        <span className="line2 badges">
          {clock.cancellation && <span className="badge danger">{t('cancelRisk', { when: clock.cancellation })}</span>}
          {clock.limitExceeded && <span className="badge warn" title={t('badges.limitTitle')}>{t('badges.limit')}</span>}
          <PostingBadges posting={p} />
        </span>
      </div>
      <div className="cell open" role="gridcell">
        {/* Packing hook-in: opens the posting on the packing screen (Enter on the selected row does the same). */}
        <button
          type="button"
          tabIndex={-1}
          data-testid="open-packing"
          aria-label={t('packing:open')}
          title={t('packing:open')}
          onClick={(e) => {
            e.stopPropagation()
            onOpen(index)
          }}
        >
          <span className="open-label">{t('packing:open')}</span>
          <span className="open-icon" aria-hidden="true">
            ▶
          </span>
        </button>
      </div>
    </div>
  )
})

function ItemLine({ item }: { item: Posting['items'][number] }) {
  return (
    <span className="item-line" title={item.name}>
      <span className="mono">{item.offerId}</span> × {item.quantity}
    </span>
  )
}

function PostingBadges({ posting: p }: { posting: Posting }) {
  const { t } = useTranslation('inbox')
  return (
    <>
      {p.items.some((i) => i.requiresMarkingCode) && (
        <span className="badge marking" title={t('badges.markingTitle')}>
          {t('badges.marking')}
        </span>
      )}
      {p.isMultibox && <span className="badge">{t('badges.multibox', { count: p.multiBoxQty || 2 })}</span>}
      {p.isExpress && <span className="badge express">{t('badges.express')}</span>}
      {p.parentPostingNumber && (
        <span className="badge" title={t('badges.splitTitle', { parent: p.parentPostingNumber })}>
          {t('badges.split')}
        </span>
      )}
    </>
  )
}
