// The operators of this bench: add, set or clear a PIN, remove; and the key that switches operator.
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Settings } from '../../../../shared/contract/settings'
import { FUNCTION_KEYS } from '../../../../shared/domain/settings'
import { useStation } from '../../api/StationContext'
import { errorText } from './errors'
import { OperatorForm } from './OperatorForm'

export function OperatorList({ settings, takenKeys }: { settings: Settings; takenKeys: readonly string[] }) {
  const { t } = useTranslation('settings')
  const station = useStation()
  const [error, setError] = useState<string | null>(null)
  const [pinFor, setPinFor] = useState<string | null>(null)
  const [pin, setPin] = useState('')

  const act = async (work: () => Promise<unknown>) => {
    setError(null)
    try {
      await work()
    } catch (err) {
      setError(errorText(err, t))
    }
  }
  const savePin = async (e: FormEvent) => {
    e.preventDefault()
    if (!pinFor) return
    await act(() => station.call('operators.update', { id: pinFor, pin }))
    setPinFor(null)
    setPin('')
  }

  return (
    <div className="operator-list" data-testid="operator-list">
      <p className="notice">{t('operators.notSecurity')}</p>
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      {settings.operators.length === 0 ? (
        <p className="muted">{t('operators.empty')}</p>
      ) : (
        <ul className="plain-list">
          {settings.operators.map((o) => (
            <li key={o.id} data-operator={o.name}>
              <strong>{o.name}</strong>
              {o.id === settings.currentOperatorId && <span className="pill state-active">{t('operators.current')}</span>}
              <span className="muted">{o.hasPin ? t('operators.hasPin') : t('operators.noPin')}</span>
              <button type="button" onClick={() => setPinFor(o.id)}>
                {t('operators.setPin')}
              </button>
              {o.hasPin && (
                <button type="button" onClick={() => void act(() => station.call('operators.update', { id: o.id, pin: null }))}>
                  {t('operators.removePin')}
                </button>
              )}
              <button type="button" className="danger" onClick={() => void act(() => station.call('operators.remove', { id: o.id }))}>
                {t('common.remove')}
              </button>
              {pinFor === o.id && (
                <form className="inline-form" onSubmit={(e) => void savePin(e)}>
                  <label>
                    {t('operators.pin')}
                    <input type="password" inputMode="numeric" maxLength={4} pattern="\d{4}" value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))} autoFocus required />
                  </label>
                  <button type="submit" className="primary">
                    {t('common.save')}
                  </button>
                  <button type="button" onClick={() => setPinFor(null)}>
                    {t('common.cancel')}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('operators.addTitle')}</h3>
      <OperatorForm />
      <h3>{t('operators.switchKey')}</h3>
      <label className="check">
        {t('operators.switchKeyHint')}
        <select
          value={settings.profile.operatorSwitchKey}
          onChange={(e) => void act(() => station.call('settings.update', { profile: { operatorSwitchKey: e.target.value as (typeof FUNCTION_KEYS)[number] } }))}
          data-testid="switch-key"
        >
          {FUNCTION_KEYS.map((k) => (
            <option key={k} value={k} disabled={takenKeys.includes(k) && k !== settings.profile.operatorSwitchKey}>
              {k}
              {takenKeys.includes(k) ? ` — ${t('operators.keyTaken')}` : ''}
            </option>
          ))}
        </select>
      </label>
    </div>
  )
}
