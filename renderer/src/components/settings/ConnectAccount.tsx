// The demo banner's offer, available at any time: "connect my Ozon account" opens the account form over the
// current screen; once connected, the station leaves demo mode by itself and fetches the new postings.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useStation } from '../../api/StationContext'
import { AccountForm } from './AccountForm'
import { Dialog } from './Dialog'

/** Shown in demo mode only; an open dialog stays (with its result) after the account made the station live. */
export function ConnectAccountButton({ demo }: { demo: boolean }) {
  const { t } = useTranslation('settings')
  const station = useStation()
  const [open, setOpen] = useState(false)
  if (!demo && !open) return null
  return (
    <>
      {demo && (
        <button type="button" className="connect-account" onClick={() => setOpen(true)} data-testid="connect-account" title={t('accounts.connectMine')}>
          {t('accounts.connectShort')}
        </button>
      )}
      {open && (
        <Dialog title={t('accounts.form.title')} onClose={() => setOpen(false)} testId="connect-dialog">
          <p className="muted">{t('accounts.intro')}</p>
          <AccountForm
            onSaved={() => {
              void station.call('orders.sync').catch(() => undefined)
            }}
          />
          <div className="form-actions">
            <button type="button" onClick={() => setOpen(false)}>
              {t('common.close')}
            </button>
          </div>
        </Dialog>
      )}
    </>
  )
}
