// Who is at the bench: the header badge (always visible) and the switch dialog, one key away (F12 unless the
// bench chose another). Digits pick an operator; a PIN is asked when the operator has one.
import { useEffect, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { OperatorInfo } from '../../../../shared/contract/settings'
import { useStation } from '../../api/StationContext'
import { Dialog } from './Dialog'
import { errorText } from './errors'
import { useSettings } from './hooks'

export function OperatorBadge() {
  const { t } = useTranslation('settings')
  const { data } = useSettings()
  const [open, setOpen] = useState(false)
  const key = data?.profile.operatorSwitchKey ?? 'F12'

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== key) return
      e.preventDefault()
      setOpen(true)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [key])

  // Nothing until the settings are known: "not chosen" must never flash for an operator who is chosen.
  if (!data) return null
  const current = data.operators.find((o) => o.id === data.currentOperatorId)
  return (
    <>
      <button type="button" className={current ? 'operator-badge' : 'operator-badge none'} onClick={() => setOpen(true)} data-testid="operator-badge" title={t('operators.header.switchHint', { key })}>
        <span className="operator-label">{t('operators.header.label')}</span>
        <span className="operator-name">{current?.name ?? t('operators.header.none')}</span>
        <kbd>{key}</kbd>
      </button>
      {open && <OperatorSwitcher operators={data.operators} currentId={data.currentOperatorId} onClose={() => setOpen(false)} />}
    </>
  )
}

function OperatorSwitcher({ operators, currentId, onClose }: { operators: OperatorInfo[]; currentId: string | null; onClose: () => void }) {
  const { t } = useTranslation('settings')
  const station = useStation()
  const [asking, setAsking] = useState<OperatorInfo | null>(null)
  const [pin, setPin] = useState('')
  const [error, setError] = useState<string | null>(null)

  const switchTo = async (o: OperatorInfo, withPin?: string) => {
    if (o.hasPin && withPin === undefined) {
      setAsking(o)
      setPin('')
      setError(null)
      return
    }
    try {
      await station.call('operators.switch', { id: o.id, pin: withPin })
      onClose()
    } catch (err) {
      setError(errorText(err, t))
      setPin('')
    }
  }
  const onPin = (e: FormEvent) => {
    e.preventDefault()
    if (asking) void switchTo(asking, pin)
  }
  const onDigit = (e: ReactKeyboardEvent) => {
    if (asking) return
    const n = Number(e.key)
    if (Number.isInteger(n) && n >= 1 && n <= operators.length) {
      e.preventDefault()
      void switchTo(operators[n - 1]!)
    }
  }

  return (
    <Dialog title={t('operators.switcher.title')} onClose={onClose} testId="operator-switcher">
      <div onKeyDown={onDigit}>
        {operators.length === 0 && <p>{t('operators.switcher.empty')}</p>}
        {!asking && (
          <ol className="operator-choices">
            {operators.map((o, i) => (
              <li key={o.id}>
                <button type="button" className={o.id === currentId ? 'choice current' : 'choice'} onClick={() => void switchTo(o)} data-autofocus={o.id === currentId || undefined}>
                  <kbd>{i + 1}</kbd> {o.name} {o.hasPin && <span className="muted">· PIN</span>}
                </button>
              </li>
            ))}
          </ol>
        )}
        {asking && (
          <form onSubmit={onPin} className="pin-form">
            <label>
              {t('operators.switcher.pinFor', { name: asking.name })}
              <input type="password" inputMode="numeric" maxLength={4} value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} autoFocus autoComplete="off" />
            </label>
            <button type="submit" className="primary">
              {t('operators.switcher.switch')}
            </button>
          </form>
        )}
        {error && (
          <div className="banner error" role="alert">
            {error}
          </div>
        )}
        <p className="muted small">{t('operators.notSecurity')}</p>
      </div>
    </Dialog>
  )
}
