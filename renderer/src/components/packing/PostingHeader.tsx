// What the packer must know about the posting before packing it: number, deadline countdown, delivery, carrier,
// scheme, and what Ozon requires (marking codes, box count).
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PackingSession } from '../../../../shared/contract/packing'
import { formatTimeLeft, timeLeft, TIME_LEFT_WORDS, urgencyOf } from '../../../../shared/domain/deadlines'
import { formatDateTime } from '../../format'

export function PostingHeader({ session, timeZone }: { session: PackingSession; timeZone: string }) {
  const { t, i18n } = useTranslation('packing')
  const p = session.posting
  const now = useMinuteClock()
  const lang = (['ru', 'en', 'zh'] as const).find((l) => l === i18n.language) ?? 'en'
  const left = timeLeft(p.shipmentDate, now)
  const urgency = urgencyOf(Date.parse(p.shipmentDate), now, timeZone)
  const marked = p.items.filter((i) => i.requiresMarkingCode).reduce((n, i) => n + i.quantity, 0)

  return (
    <header className="posting-header" data-testid="posting-header">
      <div className="posting-id">
        <span className="posting-number mono" data-testid="posting-number">
          {p.postingNumber}
        </span>
        <span className="muted">{t('header.order', { order: p.orderNumber })}</span>
      </div>
      {session.state !== 'packed' && (
        <div className={`deadline urgency-${urgency}`} data-testid="deadline">
          <span className="deadline-left">{formatTimeLeft(left, TIME_LEFT_WORDS[lang])}</span>
          <span className="muted">{t('header.shipBy', { time: formatDateTime(p.shipmentDate, i18n.language) })}</span>
        </div>
      )}
      <dl className="posting-facts">
        <div>
          <dt>{t('header.delivery')}</dt>
          <dd>{p.deliveryMethod.name}</dd>
        </div>
        <div>
          <dt>{t('header.carrier')}</dt>
          <dd>{p.carrier.name}</dd>
        </div>
        <div>
          <dt>{t('header.integration')}</dt>
          <dd>{t(`integration.${p.integrationType}`, { defaultValue: p.integrationType })}</dd>
        </div>
      </dl>
      <div className="requirements">
        {marked > 0 && <span className="chip chip-warn">{t('header.marking', { count: marked })}</span>}
        {p.isMultibox && <span className="chip chip-warn">{t('header.multibox')}</span>}
        {p.isExpress && <span className="chip">{t('header.express')}</span>}
        {session.stale && <span className="chip chip-error">{t('header.staleChip')}</span>}
      </div>
    </header>
  )
}

/** Re-renders every 30 s so the countdown stays honest without a timer per line. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 30_000)
    return () => clearInterval(id)
  }, [])
  return now
}
