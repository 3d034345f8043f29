// Messages above the list: what changed at Ozon since the last sync (a cancelled posting may already be in the
// packer's hands), and the loud answer to a scan the station could not place.
import { useTranslation } from 'react-i18next'
import type { StatusChange, SyncResult } from '../../../../shared/contract'
import { awaitsPacking, isPastPacking } from '../../../../shared/domain/deadlines'

const SHOWN = 5

export function changeGroups(changes: readonly StatusChange[]) {
  const fromOpen = changes.filter((c) => awaitsPacking(c.from))
  return {
    cancelled: fromOpen.filter((c) => c.to === 'cancelled' || c.to === 'cancelled_from_split_pending'),
    packedElsewhere: fromOpen.filter((c) => c.to !== 'gone' && isPastPacking(c.to)),
    gone: changes.filter((c) => c.to === 'gone'),
  }
}

export function ChangesNotice({ sync, onDismiss }: { sync: SyncResult; onDismiss: () => void }) {
  const { t } = useTranslation('inbox')
  const groups = changeGroups(sync.changes)
  const list = (items: StatusChange[]) => {
    const numbers = items.slice(0, SHOWN).map((c) => c.postingNumber).join(', ')
    return items.length > SHOWN ? `${numbers} ${t('changes.more', { count: items.length - SHOWN })}` : numbers
  }
  const lines = (['cancelled', 'packedElsewhere', 'gone'] as const).filter((k) => groups[k].length > 0)
  if (lines.length === 0) return null
  return (
    <div className="inbox-notice" role="status" data-testid="changes-notice">
      <div>
        {lines.map((k) => (
          <div key={k} className={`change-line change-${k}`}>
            {t(`changes.${k}`, { list: list(groups[k]) })}
          </div>
        ))}
      </div>
      <button type="button" onClick={onDismiss}>
        {t('changes.dismiss')}
      </button>
    </div>
  )
}

export interface ScanMessage {
  tone: 'error' | 'info'
  text: string
}

export function ScanBanner({ message, onDismiss }: { message: ScanMessage; onDismiss: () => void }) {
  const { t } = useTranslation('inbox')
  return (
    <div className={`scan-banner ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="scan-banner">
      <span>{message.text}</span>
      <button type="button" onClick={onDismiss}>
        {t('scan.dismiss')} <kbd>Esc</kbd>
      </button>
    </div>
  )
}
